import { searchText } from '../../../src/domain/search-text.js';

type Direction = 'ascending' | 'descending';

const cellValue = (row: HTMLTableRowElement, column: number): string =>
  row.cells[column]?.dataset.value ?? row.cells[column]?.textContent ?? '';

/** Sorts the body's rows by one column; numbers by value, blanks last, text in Russian order. */
function sortRows(table: HTMLTableElement, column: number, numeric: boolean, dir: Direction) {
  const body = table.tBodies[0];
  if (!body) return;
  const sign = dir === 'ascending' ? 1 : -1;
  const rows = [...body.rows];
  rows.sort((a, b) => {
    const x = cellValue(a, column);
    const y = cellValue(b, column);
    if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
    return numeric ? sign * (Number(x) - Number(y)) : sign * x.localeCompare(y, 'ru');
  });
  body.append(...rows);
}

function makeSortable(table: HTMLTableElement) {
  const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th[data-sort]')];
  headers.forEach((th, column) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort-button';
    button.append(...th.childNodes);
    th.append(button);
    button.addEventListener('click', () => {
      const dir: Direction =
        th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', dir);
      sortRows(table, column, th.dataset.sort === 'number', dir);
    });
  });
}

/** Hides the rows that do not match the filter form; the count says how many are shown. */
function applyFilter(table: HTMLTableElement, form: HTMLFormElement, status: Element | null) {
  const data = new FormData(form);
  const query = searchText(String(data.get('q') ?? ''));
  const kind = String(data.get('kind') ?? '');
  const group = String(data.get('group') ?? '');
  let shown = 0;
  for (const row of table.tBodies[0]?.rows ?? []) {
    const visible =
      (query === '' || (row.dataset.search ?? '').includes(query)) &&
      (kind === '' || row.dataset.kind === kind) &&
      (group === '' || row.dataset.group === group);
    row.hidden = !visible;
    if (visible) shown++;
  }
  if (status) status.textContent = `Показано ОМСУ: ${shown}`;
}

/** Sorting by any column and filtering as the visitor types, on the server's own table. */
export function enhanceLeagueTable(table: HTMLTableElement): void {
  makeSortable(table);
  const form = document.getElementById(table.dataset.filter ?? '') as HTMLFormElement | null;
  if (!form) return;
  const status = document.getElementById(form.dataset.status ?? '');
  const update = () => applyFilter(table, form, status);
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });
}
