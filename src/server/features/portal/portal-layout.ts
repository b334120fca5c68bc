import { html, type SafeHtml } from './html.js';
import type { PortalAssets } from './portal-assets.js';

export interface PortalPage {
  title: string;
  description: string;
  /** The page's own address, for the canonical link. */
  path: string;
  body: SafeHtml;
  /** Extra stylesheets (a methodology's colour bands). */
  styles?: string[];
}

/** The region's name and its open data licence line (set by an administrator). */
export interface PortalRegion {
  regionName: string;
  licence: string;
}

/** The document around every public page: navigation, skip link, footer with the licence. */
export function renderPortalPage(
  page: PortalPage,
  assets: PortalAssets,
  { regionName, licence }: PortalRegion,
): string {
  return `<!doctype html>${html`<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<meta name="description" content="${page.description}">
<link rel="canonical" href="${page.path}">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
${[...assets.styles, ...(page.styles ?? [])].map((href) => html`<link rel="stylesheet" href="${href}">`)}
${assets.script ? html`<script type="module" src="${assets.script}"></script>` : ''}
</head>
<body>
<a class="skip-link" href="#main">Перейти к содержимому</a>
<header class="portal-header">
<div class="portal-header__inner">
<a class="portal-header__brand" href="/">Рейтинг ОМСУ — ${regionName}</a>
<nav class="portal-nav" aria-label="Разделы портала">
<ul>
<li><a href="/">Рейтинг</a></li>
<li><a href="/open-data">Открытые данные</a></li>
<li><a href="/errata">Исправления</a></li>
<li><a href="/login">Вход для сотрудников</a></li>
</ul>
</nav>
</div>
</header>
<main id="main" class="portal-main" tabindex="-1">
${page.body}
</main>
<footer class="portal-footer">
<div class="portal-footer__inner">
<p data-testid="portal-licence">${licence} <a href="/open-data">Открытые данные и словарь данных</a> · <a href="/api/openapi.json">API (OpenAPI)</a></p>
</div>
</footer>
</body>
</html>`}`;
}
