import { html, raw, type SafeHtml } from './html.js';

/**
 * A chart the portal's script draws with ECharts, beside the table that carries the same
 * numbers for readers without JavaScript or sight: an empty host and a JSON island.
 */
export function chartIsland(
  id: string,
  label: string,
  spec: object,
  className = 'portal-chart',
): SafeHtml {
  // `<` escaped so that no text in the data can close the script element.
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  return html`<div class="${className}" data-chart="${id}-data" role="img" aria-label="${label}"></div>
<script type="application/json" id="${id}-data">${raw(json)}</script>`;
}
