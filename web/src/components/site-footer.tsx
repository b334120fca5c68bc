export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <a href="/api/openapi.json">API (OpenAPI)</a>
      </div>
    </footer>
  );
}
