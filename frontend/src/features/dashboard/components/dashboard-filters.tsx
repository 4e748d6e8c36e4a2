import { Card, Col, DatePicker, Row, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { UnitSelect } from '@/components/unit-select';
import { useDictionary } from '@/lib/api/dictionaries';
import { type DashboardFilters, PERIODS, periodDefaults } from '../lib/filters';

const YEARS = Array.from({ length: 5 }, (_, i) => dayjs().year() - i);
const FLAG_OPTIONS = (yes: string, no: string) => [
  { value: 'true', label: yes },
  { value: 'false', label: no },
];
const flag = (v: boolean | undefined) => (v === undefined ? undefined : String(v));
const unflag = (v: string | undefined) => (v === undefined ? undefined : v === 'true');

/** 统计期 and the slice, kept in the address: 年度, 全年/半年/季度/月/自定义, 单位, 产业链, 重大, 重点. */
export function DashboardFilterBar({ filters, patch, cityWide }: { filters: DashboardFilters; patch: (c: Partial<DashboardFilters>) => void; cityWide: boolean }) {
  const industries = useDictionary('industry_chain');
  const period = filters.period ?? 'year';
  const year = filters.year ?? dayjs().year();
  return (
    <Card size="small" data-testid="dashboard-filters">
      <Row gutter={[8, 8]} align="middle">
        <Col xs={24} md={10} xl={7}>
          <Segmented
            block
            value={period}
            options={PERIODS.map((p) => ({ value: p.value, label: p.label }))}
            onChange={(v) => patch(periodDefaults(String(v)))}
            data-testid="period-filter"
          />
        </Col>
        {period !== 'custom' ? (
          <Col xs={12} md={4} xl={3}>
            <Select
              aria-label="年度"
              value={year}
              style={{ width: '100%' }}
              options={YEARS.map((y) => ({ value: y, label: `${y} 年` }))}
              onChange={(y) => patch({ year: y === dayjs().year() ? undefined : y })}
              data-testid="year-filter"
            />
          </Col>
        ) : null}
        {period === 'half' ? (
          <Col xs={12} md={4} xl={3}>
            <Select aria-label="半年" value={filters.half ?? 1} style={{ width: '100%' }} options={[{ value: 1, label: '上半年' }, { value: 2, label: '下半年' }]} onChange={(half) => patch({ half })} />
          </Col>
        ) : null}
        {period === 'quarter' ? (
          <Col xs={12} md={4} xl={3}>
            <Select aria-label="季度" value={filters.quarter ?? 1} style={{ width: '100%' }} options={[1, 2, 3, 4].map((q) => ({ value: q, label: `第 ${q} 季度` }))} onChange={(quarter) => patch({ quarter })} />
          </Col>
        ) : null}
        {period === 'month' ? (
          <Col xs={12} md={4} xl={3}>
            <Select aria-label="月份" value={filters.month ?? 1} style={{ width: '100%' }} options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1} 月` }))} onChange={(month) => patch({ month })} />
          </Col>
        ) : null}
        {period === 'custom' ? (
          <Col xs={24} md={8} xl={6}>
            <DatePicker.RangePicker
              aria-label="自定义统计期"
              style={{ width: '100%' }}
              placeholder={['起', '止']}
              value={filters.date_from && filters.date_to ? [dayjs(filters.date_from), dayjs(filters.date_to)] : undefined}
              onChange={(range) => patch({ date_from: range?.[0]?.format('YYYY-MM-DD'), date_to: range?.[1]?.format('YYYY-MM-DD') })}
            />
          </Col>
        ) : null}
        {cityWide ? (
          <Col xs={12} md={5} xl={3}>
            <UnitSelect
              aria-label="责任单位"
              placeholder="全部单位"
              kinds={['district', 'park']}
              value={filters.unit_id}
              onChange={(unit_id) => patch({ unit_id: unit_id ?? undefined })}
              allowClear
              style={{ width: '100%' }}
              data-testid="unit-filter"
            />
          </Col>
        ) : null}
        <Col xs={12} md={5} xl={cityWide ? 3 : 4}>
          <Select
            aria-label="产业链"
            placeholder="全部产业链"
            allowClear
            value={filters.industry_chain}
            options={industries.options}
            onChange={(industry_chain) => patch({ industry_chain: industry_chain ?? undefined })}
            style={{ width: '100%' }}
          />
        </Col>
        <Col xs={12} md={4} xl={3}>
          <Select
            aria-label="重大项目"
            placeholder="重大：全部"
            allowClear
            value={flag(filters.is_major)}
            options={FLAG_OPTIONS('重大项目', '非重大')}
            onChange={(v) => patch({ is_major: unflag(v) })}
            style={{ width: '100%' }}
            data-testid="major-filter"
          />
        </Col>
        <Col xs={12} md={4} xl={3}>
          <Select
            aria-label="重点项目"
            placeholder="重点：全部"
            allowClear
            value={flag(filters.is_key)}
            options={FLAG_OPTIONS('重点项目', '非重点')}
            onChange={(v) => patch({ is_key: unflag(v) })}
            style={{ width: '100%' }}
          />
        </Col>
      </Row>
    </Card>
  );
}
