import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { PlanMonthRow } from '../../../src/domain/plan-month.js';
import { formatNumberRu } from '../../../src/domain/russian-number-format.js';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];

/**
 * Cumulative execution of one municipality against the plan line (an even twelfth of the
 * year's increment per month) and the forecast to December. Loaded lazily with ECharts, only
 * on the plan page.
 */
export function PlanExecutionChart({ row }: { row: PlanMonthRow }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, null, { renderer: 'svg' });
    const last = row.cumulative.findLastIndex((p) => p.actual !== null);
    const lastActual = last === -1 ? null : (row.cumulative[last]?.actual ?? null);
    const forecast =
      row.forecast.value === null || lastActual === null
        ? []
        : row.cumulative.map((_, i) =>
            i === last ? lastActual : i === 11 ? row.forecast.value : null,
          );
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumberRu(v, 0) : '—'),
      },
      legend: { bottom: 0 },
      grid: { left: 70, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: MONTHS },
      yAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => formatNumberRu(v, 0) },
      },
      series: [
        {
          name: 'План нарастающим итогом',
          type: 'line',
          data: row.cumulative.map((p) => p.plan),
          lineStyle: { type: 'dashed' },
          symbol: 'none',
        },
        {
          name: 'Зарегистрировано с начала года',
          type: 'line',
          data: row.cumulative.map((p) => p.actual),
        },
        {
          name: 'Прогноз на конец года',
          type: 'line',
          data: forecast,
          connectNulls: true,
          lineStyle: { type: 'dotted' },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [row]);
  return (
    <div
      ref={element}
      className="plan-chart"
      data-testid="plan-chart"
      role="img"
      aria-label={`Выполнение плана нарастающим итогом: ${row.municipality.name}`}
      style={{ width: '100%', height: 320 }}
    />
  );
}
