import type { ImportPreview } from '../../../domain/import-preview.js';

/**
 * The import's checks are shared by the command line and the import page, and name the
 * command line's flags. Someone on the page has no flags: each such hint is said here as
 * what to choose on the page (the page's labels), at the API's edge.
 */
const PAGE_HINTS: [RegExp, string][] = [
  [
    / — задайте --period \(например, 2017-03\) или период в сопоставлении граф/,
    ' — укажите его на странице в поле «Период значений» (например, 2017-03)',
  ],
  [
    /\. Подтвердите соответствие: --alias ".*=код"$/s,
    '. Подтвердите соответствие кнопкой «это …» у названия в списке «Неизвестные названия»: оно запомнится для следующих импортов',
  ],
  [
    /\. Проверьте формат \(--format\), сопоставление граф \(--mapping\) и разделитель \(--delimiter\)/,
    '. Проверьте на странице «Формат» и «Разделитель»',
  ],
  [
    /уберите --encoding utf8 или укажите --encoding cp1251/,
    'выберите в поле «Кодировка CSV» «Windows-1251» или «определить»',
  ],
  [/ и уберите --encoding/, ' или выберите в поле «Кодировка CSV» «определить»'],
];

/** @example forThePage('… задайте --period (например, 2017-03) или период в сопоставлении граф') */
export const forThePage = (message: string): string =>
  PAGE_HINTS.reduce((text, [cli, page]) => text.replace(cli, page), message);

/** A preview as the import page shows it: every problem worded for the page. */
export const previewForThePage = (preview: ImportPreview): ImportPreview => ({
  ...preview,
  problems: preview.problems.map((p) => ({ ...p, message: forThePage(p.message) })),
  summary: forThePage(preview.summary),
});
