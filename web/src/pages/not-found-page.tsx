import { useDocumentTitle } from '../components/use-document-title.js';
import { Link } from '../routing/link.js';

export function NotFoundPage() {
  useDocumentTitle('Страница не найдена');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Страница не найдена</h1>
      <p>
        Такой страницы на портале нет. Перейдите к <Link href="/data/rating">рейтингу ОМСУ</Link>{' '}
        или к <Link href="/plan">выполнению плана</Link>.
      </p>
    </section>
  );
}
