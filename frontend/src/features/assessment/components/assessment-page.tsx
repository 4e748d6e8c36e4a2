import { Select, Tabs } from 'antd';
import { useState } from 'react';
import { PageHeader } from '@/components/page-header';
import { QueryBoundary } from '@/components/query-boundary';
import { hasPermission, useMe } from '@/lib/auth/use-session';
import { useIsPhone } from '@/lib/use-phone';
import { useRounds, useSchemes } from '../api/assessment';
import { PreviewCard } from './preview-card';
import { RoundCard } from './round-card';
import { GROUPS, SchemeCard } from './scheme-card';
import { TargetsCard } from './targets-card';

const THIS_YEAR = new Date().getFullYear();
const YEARS = [THIS_YEAR + 1, THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2];

/** 年度考核: the year's 考核方案 for districts and parks and for departments, the annual
 * targets the computed items are measured against, the rounds' results and, for the
 * assessment office, the live preview. */
export default function AssessmentPage({ initialYear, initialTab }: { initialYear?: number; initialTab?: string }) {
  const me = useMe();
  const editor = hasPermission(me, 'assessments:write');
  const [year, setYear] = useState(initialYear ?? THIS_YEAR);
  const schemes = useSchemes(year);
  const rounds = useRounds(year);
  const supervisor = me?.role === 'supervisor';
  const phone = useIsPhone();
  const yearSelect = (
    <Select
      aria-label="考核年度"
      value={year}
      onChange={setYear}
      style={{ width: 120 }}
      options={[...new Set([...YEARS, year])].sort((a, b) => b - a).map((y) => ({ value: y, label: `${y}年度` }))}
      data-testid="assessment-year"
    />
  );
  return (
    <>
      <PageHeader
        title="年度考核"
        subtitle="考核方案（指标、分值、等次）、各县市区和园区的年度目标、考核结果"
      />
      {phone ? <div style={{ marginBottom: 8 }}>{yearSelect}</div> : null}
      <Tabs
        defaultActiveKey={initialTab}
        // The year chooses what every tab shows: beside the tabs on a desktop, above them on a
        // phone (where the tabs need the width), never in the phone's action bar.
        tabBarExtraContent={phone ? undefined : yearSelect}
        items={[
          {
            key: 'schemes',
            label: '考核方案',
            children: (
              <QueryBoundary query={schemes}>
                {(list) => (
                  <>
                    {GROUPS.map((g) => (
                      <SchemeCard key={`${year}-${g.key}`} year={year} group={g} schemes={list} editor={editor} />
                    ))}
                  </>
                )}
              </QueryBoundary>
            ),
          },
          { key: 'targets', label: '年度目标', children: <TargetsCard year={year} editor={editor} /> },
          {
            key: 'results',
            label: '考核结果',
            children: (
              <QueryBoundary query={rounds}>
                {(roundList) => (
                  <>
                    {GROUPS.map((g) => (
                      <RoundCard
                        key={`${year}-${g.key}`}
                        year={year}
                        group={g}
                        rounds={roundList}
                        schemes={schemes.data ?? []}
                        office={editor}
                        supervisor={supervisor}
                        unitId={me?.unit.id}
                        officer={me?.role === 'unit_officer' || me?.role === 'department_officer'}
                      />
                    ))}
                  </>
                )}
              </QueryBoundary>
            ),
          },
          // Before publication a unit sees no other unit's detail: the office only.
          ...(editor
            ? [
                {
                  key: 'preview',
                  label: '得分预览',
                  children: (
                    <QueryBoundary query={schemes}>
                      {(list) => (
                        <>
                          {GROUPS.map((g) => (
                            <PreviewCard key={`${year}-${g.key}`} group={g} schemes={list} />
                          ))}
                        </>
                      )}
                    </QueryBoundary>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
