// Loaded only on pages that draw a chart or the map: ECharts with the parts they use.
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { init, registerMap, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  MapChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

/** What the server puts in a chart's JSON island: an ECharts option, and for a map its shapes. */
interface ChartSpec {
  option: Record<string, unknown>;
  /** Address of the map's GeoJSON (simplified boundaries), registered under `mapName`. */
  geoUrl?: string;
  mapName?: string;
}

async function drawChart(host: HTMLElement): Promise<void> {
  const island = document.getElementById(host.dataset.chart ?? '');
  if (!island?.textContent) return;
  const spec = JSON.parse(island.textContent) as ChartSpec;
  if (spec.geoUrl && spec.mapName) {
    const response = await fetch(spec.geoUrl);
    registerMap(spec.mapName, await response.json());
  }
  const chart = init(host, null, { renderer: 'svg' });
  chart.setOption(spec.option);
  // A map's region or a chart's point with a `url` opens that page (the profile).
  chart.on('click', (event) => {
    const url = (event.data as { url?: string } | undefined)?.url;
    if (url) window.location.assign(url);
  });
  window.addEventListener('resize', () => chart.resize());
  host.dataset.drawn = 'true';
}

export async function drawCharts(root: Document): Promise<void> {
  await Promise.all([...root.querySelectorAll<HTMLElement>('[data-chart]')].map(drawChart));
}
