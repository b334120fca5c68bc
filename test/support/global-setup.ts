import type { TestProject } from 'vitest/node';
import { findNginx } from './nginx.js';
import { missingOfficeTools } from './office-tools.js';
import {
  postgresReachable,
  systemComponentsRequired,
  testPostgresUrl,
} from './postgres-availability.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    /** LibreOffice and pdftotext are on PATH: exported documents are opened by them. */
    officeTools: boolean;
    /** nginx's path: the deployment guide's proxy set-up is run for real. */
    nginx: string | null;
  }
}

/** Checks PostgreSQL once per run, so that the skip is announced once, loudly. */
export default async function setup(project: TestProject): Promise<void> {
  const url = testPostgresUrl();
  const problem = await postgresReachable(url);
  if (problem) {
    const line = `!!! PostgreSQL не доступен (${problem}): тесты базы данных на PostgreSQL ПРОПУЩЕНЫ. Установите и запустите его: npm run setup:system (или задайте MUNIRANK_TEST_POSTGRES_URL).`;
    if (systemComponentsRequired()) throw new Error(line);
    console.warn(`\n${line}\n`);
  }
  project.provide('postgresUrl', problem ? null : url);

  const missing = missingOfficeTools();
  if (missing.length > 0) {
    const line = `!!! Не найдены ${missing.join(' и ')}: проверка выгрузок XLSX, DOCX и PDF настоящими программами ПРОПУЩЕНА. Установите их: npm run setup:system.`;
    if (systemComponentsRequired()) throw new Error(line);
    console.warn(`\n${line}\n`);
  }
  project.provide('officeTools', missing.length === 0);

  const nginx = findNginx();
  if (nginx === null) {
    const line =
      '!!! nginx не найден: проверка развёртывания за nginx с TLS (docs/deployment.md) ПРОПУЩЕНА. Установите его: npm run setup:system.';
    if (systemComponentsRequired()) throw new Error(line);
    console.warn(`\n${line}\n`);
  }
  project.provide('nginx', nginx);
}
