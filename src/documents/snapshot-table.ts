import { MUNICIPALITY_KIND_LABELS, type MunicipalityRef } from '../domain/municipality.js';
import type { SnapshotColumn } from '../domain/rating-snapshot.js';

/** A published snapshot's table as its open data files carry it. */
export interface SnapshotTable {
  code: string;
  title: string;
  asOf: string;
  publishedAt: string | null;
  columns: SnapshotColumn[];
  rows: {
    place: number | null;
    placeLabel: string;
    municipality: MunicipalityRef;
    values: Record<string, number | null>;
  }[];
}

/** One column of an open data file: its header, what it means, and each row's cell. */
export interface OpenDataColumn {
  header: string;
  meaning: string;
  /** Decimals of a numeric column; null for text. */
  decimals: number | null;
  cell(row: SnapshotTable['rows'][number]): string | number | null;
}

/**
 * The columns of every open data file of a snapshot, in order: place, the unit (name, code,
 * kind), then the snapshot's own value columns. The data dictionary is made from the same list.
 */
export function openDataColumns(table: Pick<SnapshotTable, 'columns'>): OpenDataColumn[] {
  return [
    {
      header: 'Место',
      meaning: 'Место в рейтинге (пусто, если публикация даёт только диапазон мест)',
      decimals: 0,
      cell: (r) => r.place,
    },
    {
      header: 'Место (как опубликовано)',
      meaning: 'Место так, как оно напечатано в публикации, например «4–10»',
      decimals: null,
      cell: (r) => r.placeLabel,
    },
    {
      header: 'ОМСУ',
      meaning: 'Наименование муниципального образования',
      decimals: null,
      cell: (r) => r.municipality.name,
    },
    {
      header: 'Код ОМСУ',
      meaning: 'Постоянный код муниципального образования в munirank (в адресах и файлах)',
      decimals: null,
      cell: (r) => r.municipality.code,
    },
    {
      header: 'Вид ОМСУ',
      meaning: 'Городской округ, муниципальный район, муниципальный округ, город или ЗАТО',
      decimals: null,
      cell: (r) => MUNICIPALITY_KIND_LABELS[r.municipality.kind],
    },
    ...table.columns.map((c) => ({
      header: c.unit ? `${c.title}, ${c.unit}` : c.title,
      meaning:
        c.key === 'index'
          ? 'Значение сводного индекса по методике рейтинга'
          : `Значение «${c.title}»${c.unit ? ` в единицах «${c.unit}»` : ''}, как оно использовано в расчёте`,
      decimals: c.decimals,
      cell: (r: SnapshotTable['rows'][number]) => r.values[c.key] ?? null,
    })),
  ];
}
