import { useState } from 'react';
import type { MunicipalityRef } from '../../../src/domain/municipality.js';
import type { SnapshotViewWithErrata } from '../../../src/server/features/rating/rating-schemas.js';
import { useSession } from '../api/session-store.js';
import { explainRowAction, focusExplainButton } from './explain-button.js';
import { PlaceHistory } from './place-history.js';
import { RatingSnapshotDetails } from './rating-snapshot-details.js';
import { UnitExplanation } from './unit-explanation.js';

const NO_MUNICIPALITIES: readonly MunicipalityRef[] = [];

/**
 * A published rating on the public page. A computed one explains any municipality's place on
 * request; a signed-in official sees the own place, its history and (for a computed rating)
 * its explanation opened from the start.
 */
export function PublishedRatingView({ snapshot }: { snapshot: SnapshotViewWithErrata }) {
  const session = useSession();
  const own =
    session?.authenticated && session.user.role === 'official'
      ? session.user.municipalities
      : NO_MUNICIPALITIES;
  const ownCodes = new Set(own.map((m) => m.code));
  const computed = snapshot.methodologyCode !== null;
  /** Chosen by the reader; until then the official's own municipality, if listed. */
  const [picked, setPicked] = useState<{ code: string | null } | null>(null);
  const ownRow = snapshot.rows.find((r) => ownCodes.has(r.municipality.code));
  const explained = picked ? picked.code : computed && ownRow ? ownRow.municipality.code : null;

  return (
    <RatingSnapshotDetails
      snapshot={snapshot}
      ownCodes={ownCodes}
      rowAction={explainRowAction(computed, explained, (code) => setPicked({ code }))}
    >
      {own.map((m) => (
        <OwnPlace key={m.code} municipality={m} snapshot={snapshot} />
      ))}
      {computed ? (
        <p className="hint">
          «Объяснение» в строке ОМСУ показывает вклад каждого показателя в индекс, сильные и слабые
          стороны и что поднимет место.
        </p>
      ) : null}
      {explained ? (
        <UnitExplanation
          key={explained}
          snapshotCode={snapshot.code}
          municipalityCode={explained}
          source="published"
          own={ownCodes.has(explained)}
          focusOnOpen={picked !== null}
          onClose={() => {
            setPicked({ code: null });
            focusExplainButton(explained);
          }}
        />
      ) : null}
    </RatingSnapshotDetails>
  );
}

/** «Ваше место»: the official's municipality in this rating and in every published one. */
function OwnPlace({
  municipality,
  snapshot,
}: {
  municipality: MunicipalityRef;
  snapshot: SnapshotViewWithErrata;
}) {
  const row = snapshot.rows.find((r) => r.municipality.code === municipality.code);
  const titleId = `own-place-${municipality.code}`;
  return (
    <section
      className="own-place"
      aria-labelledby={titleId}
      data-testid="own-place"
      data-municipality={municipality.code}
    >
      <h3 id={titleId}>Ваше место — {municipality.name}</h3>
      <p data-testid="own-place-current">
        {row ? `В этом рейтинге: место ${row.placeLabel}.` : 'В этом рейтинге ОМСУ не указано.'}
      </p>
      <PlaceHistory municipalityCode={municipality.code} current={snapshot.code} />
    </section>
  );
}
