import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactECharts from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { Figure } from '../api/stats';
import { figureLink } from '../lib/figure-link';

echarts.use([BarChart, FunnelChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Chart options are plain objects; ECharts' own type is a union too wide to be useful here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ChartOption = Record<string, any>;

interface FigureChartProps {
  option: ChartOption;
  /** The figure a segment stands for: clicking it opens that figure's list. */
  figureAt: (seriesIndex: number, dataIndex: number) => Figure | undefined;
  height: number;
  testId: string;
}

/** An ECharts chart whose every bar, funnel layer or point opens the list that produces it. */
export default function FigureChart({ option, figureAt, height, testId }: FigureChartProps) {
  const navigate = useNavigate();
  const onEvents = useMemo(
    () => ({
      click: (params: { seriesIndex?: number; dataIndex?: number }) => {
        const figure = figureAt(params.seriesIndex ?? 0, params.dataIndex ?? 0);
        const link = figureLink(figure?.list_query);
        if (link) void navigate(link);
      },
    }),
    [figureAt, navigate],
  );
  return (
    <div data-testid={testId}>
      <ReactECharts
        echarts={echarts}
        option={{ animation: false, ...option }}
        notMerge
        style={{ height, width: '100%' }}
        onEvents={onEvents}
        opts={{ renderer: 'canvas' }}
      />
    </div>
  );
}
