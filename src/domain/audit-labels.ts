import type { Permission } from './access.js';

/**
 * A denial is recorded under the permission that was missing when the service names nothing
 * more precise, so every permission reads as what it guards.
 */
const PERMISSION_LABELS: Record<Permission, string> = {
  'published.read': 'чтение опубликованных данных',
  'municipality-data.read': 'чтение данных ОМСУ',
  'municipality-data.write': 'изменение данных ОМСУ',
  'import.write': 'импорт данных',
  'reference.write': 'изменение справочных данных',
  'data.approve': 'проверка и утверждение данных',
  'summaries.read': 'чтение сводок для комиссии',
  'rating.compute': 'расчёт рейтинга',
  'rating.publish': 'публикация рейтинга',
  'methodology.manage': 'управление методиками',
  'boundaries.manage': 'загрузка границ для карты',
  'accounts.manage': 'управление учётными записями',
  'tokens.manage': 'управление токенами API',
  'audit.read': 'чтение журнала аудита',
};

/** Every action the services record, and every attempt a denial names. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  ...PERMISSION_LABELS,
  'auth.login': 'вход в систему',
  'auth.logout': 'выход из системы',
  'auth.logout-all': 'выход на всех устройствах',
  'auth.token': 'обращение по токену API',
  'auth.csrf': 'запрос без CSRF-токена',
  'auth.required': 'обращение без входа в систему',
  'auth.password-change-required': 'действие до смены временного пароля',
  'account.create': 'создание учётной записи',
  'account.update': 'изменение учётной записи',
  'account.disable': 'отключение учётной записи',
  'account.enable': 'включение учётной записи',
  'account.reset-password': 'сброс пароля',
  'account.unlock': 'снятие блокировки входа',
  'account.password-change': 'смена пароля',
  'token.create': 'создание токена API',
  'token.revoke': 'отзыв токена API',
  'import.commit': 'импорт данных',
  'demo.load': 'загрузка демо-данных',
  'demo.reset': 'сброс базы и загрузка демо-данных',
  'import-mapping.save': 'сохранение сопоставления граф',
  'municipality-alias.create': 'подтверждение наименования ОМСУ',
  'indicator-alias.create': 'подтверждение названия показателя',
  'observation.update': 'изменение значений в форме ввода',
  'submission.submit': 'отправка данных на проверку',
  'submission.return': 'возврат данных на доработку',
  'submission.approve': 'утверждение данных',
  'submission.lock': 'закрытие периода',
  'submission.unlock': 'открытие закрытого периода',
  'reporting-deadline.set': 'установка срока сдачи данных',
  'data-set.create': 'создание набора данных',
  'data-set.update': 'изменение набора данных',
  'data-set.delete': 'удаление набора данных',
  'data-set-deadline.set': 'установка срока набора данных',
  'data-set-deadline.delete': 'отмена срока набора данных',
  'plan_measure.create': 'добавление мероприятия',
  'plan_measure.update': 'изменение мероприятия',
  'plan_measure.delete': 'удаление мероприятия',
  'measure_report.save': 'отчёт о выполнении мероприятия',
  'measure_attachment.create': 'добавление файла к отчёту',
  'measure_attachment.delete': 'удаление файла отчёта',
  'measure_plan.approve': 'утверждение плана мероприятий',
  'measure_plan.reopen': 'возврат плана мероприятий к редактированию',
  'measure-summary.read': 'просмотр сводки по мероприятиям',
  'commission-report.read': 'формирование справки к заседанию комиссии',
  'plan_rule.set': 'задание правила целевых показателей',
  'plan_rule.delete': 'удаление правила целевых показателей',
  'plan_target.set': 'задание целевого показателя ОМСУ вручную',
  'plan_target.clear': 'снятие заданного вручную целевого показателя',
  'plan-targets.read': 'просмотр целевых показателей',
  'plan-execution.read': 'просмотр выполнения плана за месяц',
  'responsible-official.create': 'назначение ответственного',
  'responsible-official.delete': 'удаление ответственного',
  'rating-draft.list': 'просмотр списка расчётов рейтинга',
  'rating-draft.read': 'просмотр расчёта рейтинга',
  'rating.uncertainty': 'оценка устойчивости мест',
  'methodology.list': 'просмотр методик',
  'methodology.simulate': 'моделирование новой методики',
  'boundaries.upload': 'загрузка границ ОМСУ для карты',
};

/** What an audit event concerns, by the entity type the services record. */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  api_token: 'токен API',
  audit_event: 'журнал аудита',
  data_set: 'набор данных',
  entry_form: 'форма ввода',
  import: 'импорт',
  import_batch: 'пакет импорта',
  import_mapping: 'сопоставление граф',
  measure_attachment: 'файл отчёта о мероприятии',
  measure_plan: 'план мероприятий',
  measure_summary: 'сводка по мероприятиям',
  commission_report: 'справка к заседанию комиссии',
  plan_rule: 'правило целевых показателей',
  plan_target: 'целевой показатель ОМСУ',
  plan_targets: 'целевые показатели',
  plan_execution: 'выполнение плана',
  methodology: 'методика',
  municipality: 'муниципальное образование',
  municipality_alias: 'вариант наименования ОМСУ',
  indicator_alias: 'вариант названия показателя',
  observation: 'значение показателя',
  plan_measure: 'мероприятие',
  rating_snapshot: 'рейтинг',
  cycle: 'цикл месяца',
  reference_value: 'справочное значение',
  region: 'регион',
  region_boundaries: 'границы ОМСУ на карте',
  reporting_deadline: 'срок сдачи данных',
  responsible_official: 'ответственный',
  session: 'сеанс',
  submission: 'данные ОМСУ за период',
  user: 'учётная запись',
};

/**
 * An audit code in Russian; a code recorded by a newer version than this table (or by hand)
 * is shown as it is rather than hidden.
 *
 * @example auditActionLabel('measure-summary.read') === 'просмотр сводки по мероприятиям'
 */
export const auditActionLabel = (code: string): string => AUDIT_ACTION_LABELS[code] ?? code;

/** @example auditEntityLabel('rating_snapshot') === 'рейтинг' */
export const auditEntityLabel = (code: string | null): string =>
  code === null ? '' : (AUDIT_ENTITY_LABELS[code] ?? code);
