// The public portal's only eagerly loaded script: progressive enhancement of pages the
// server already rendered in full. Charts and the map load ECharts on demand.
import '../styles.css';
import './portal.css';
import { enhanceLeagueTable } from './league-table.js';

for (const table of document.querySelectorAll<HTMLTableElement>('table[data-league]'))
  enhanceLeagueTable(table);

if (document.querySelector('[data-chart]'))
  void import('./draw-charts.js').then(({ drawCharts }) => drawCharts(document));
