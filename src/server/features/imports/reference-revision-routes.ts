import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listReferenceRevisions } from '../../../db/repositories/reference-import-repository.js';
import { ReferenceRevision } from '../../../domain/import-preview.js';
import type { AppContext } from '../../app-context.js';
import { ErrorBody } from '../../http-errors.js';
import { auditContextOf } from '../access/audit.js';
import { authorize } from '../access/authorize.js';
import { municipalityByCode } from '../registry/municipality-refs.js';

/** The history of a municipality's reference data (population, targets) for a year. */
export const referenceRevisionRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/municipalities/:code/reference-revisions/:year',
    {
      schema: {
        tags: ['Импорт'],
        summary:
          'История справочных данных ОМСУ за год (численность населения, целевые значения): было → стало, кто, когда, пакет импорта и строка файла',
        params: Type.Object({
          code: Type.String({ maxLength: 100 }),
          year: Type.Integer({ minimum: 1900, maximum: 2200 }),
        }),
        response: {
          200: Type.Array(ReferenceRevision),
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request) => {
      const unit = await municipalityByCode(ctx.db, await ctx.regionId(), request.params.code);
      authorize(auditContextOf(request).actor, 'municipality-data.read', {
        municipalityId: unit.id,
        entityType: 'reference_value',
        entityId: `${unit.code}/${request.params.year}`,
      });
      const rows = await listReferenceRevisions(ctx.db, unit.id, request.params.year);
      return rows.map((r) => ({
        kind: r.kind,
        indicator: r.indicator_code,
        oldValue: r.old_value,
        newValue: r.new_value,
        author: r.author,
        changedAt: r.changed_at,
        source: r.source,
        batch:
          r.import_batch_id === null
            ? null
            : {
                id: r.import_batch_id,
                fileName: r.file_name,
                sha256: r.file_sha256,
                sourceSystem: r.source_system,
                row: r.source_row,
              },
      }));
    },
  );
};
