import type { BoundaryUpload } from '../../src/domain/boundaries.js';

/** A square feature one degree wide at (x, y), named as a boundary file names its areas. */
const square = (name: string, x: number, y: number) => ({
  type: 'Feature',
  properties: { name },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 1, y],
        [x + 1, y + 1],
        [x, y + 1],
        [x, y],
      ],
    ],
  },
});

/**
 * A made-up boundary file over the Orenburg demo: two names that match units as written
 * (ё written as е; «Бузулук» without «г.»), one that needs the administrator's confirmation
 * («Гайский район» is the «Гайский городской округ» now) and a neighbour to leave out. The
 * squares stand in a row, so the middle of the map without the neighbour is г.Бузулук.
 */
export const MADE_UP_BOUNDARIES = {
  type: 'FeatureCollection',
  features: [
    square('Грачевский район', 0, 0),
    square('Бузулук', 1, 0),
    square('Гайский район', 2, 0),
    square('Актюбинская область', 3, 0),
  ],
};

export const madeUpUpload = (extra: Partial<BoundaryUpload> = {}): BoundaryUpload => ({
  fileName: 'границы.geojson',
  text: JSON.stringify(MADE_UP_BOUNDARIES),
  ...extra,
});

/** The administrator's choices for the two features that match no unit by name. */
export const MADE_UP_CHOICES: BoundaryUpload['choices'] = [
  { feature: 'Гайский район', municipality: 'gayskiy-go' },
  { feature: 'Актюбинская область', municipality: null },
];
