import type { Argument, Command, HelpConfiguration, Option } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': 'Запуск:',
  'Arguments:': 'Аргументы:',
  'Options:': 'Параметры:',
  'Global Options:': 'Общие параметры:',
  'Commands:': 'Команды:',
};

/** The placeholders commander writes into usage lines and command lists. */
const PLACEHOLDERS: Record<string, string> = {
  '[options]': '[параметры]',
  '[command]': '[команда]',
};

const shown = (value: unknown, description: string | undefined): string =>
  description || JSON.stringify(value);

/** The notes commander adds after a description, in Russian: choices and default. */
function withNotes(
  description: string,
  notes: { choices?: readonly string[] | undefined; defaultValue?: string | undefined },
): string {
  const parts = [
    ...(notes.choices ? [`допустимо: ${notes.choices.join(', ')}`] : []),
    ...(notes.defaultValue === undefined ? [] : [`по умолчанию: ${notes.defaultValue}`]),
  ];
  if (parts.length === 0) return description;
  return description ? `${description} (${parts.join('; ')})` : `(${parts.join('; ')})`;
}

// A default is worth showing for an option that takes a value; a flag's false is noise.
const optionDefault = (option: Option): string | undefined =>
  option.defaultValue !== undefined &&
  (option.required || option.optional || typeof option.defaultValue === 'boolean')
    ? shown(option.defaultValue, option.defaultValueDescription)
    : undefined;

const RUSSIAN_HELP: HelpConfiguration = {
  styleTitle: (title) => TITLES[title] ?? title,
  styleOptionText: (text) => PLACEHOLDERS[text] ?? text,
  styleSubcommandText: (text) => PLACEHOLDERS[text] ?? text,
  optionDescription: (option: Option) =>
    withNotes(option.description, {
      choices: option.argChoices,
      defaultValue: optionDefault(option),
    }),
  argumentDescription: (argument: Argument) =>
    withNotes(argument.description, {
      choices: argument.argChoices,
      defaultValue:
        argument.defaultValue === undefined
          ? undefined
          : shown(argument.defaultValue, argument.defaultValueDescription),
    }),
};

/** commander's own error lines, as the user reads them in Russian. */
const ERRORS: [RegExp, string][] = [
  [/^error: unknown option '(.+?)'/, "ошибка: неизвестный параметр '$1'"],
  [/^error: unknown command '(.+?)'/, "ошибка: неизвестная команда '$1'"],
  [/^error: missing required argument '(.+?)'/, "ошибка: не указан обязательный аргумент '$1'"],
  [/^error: option '(.+?)' argument missing/, "ошибка: у параметра '$1' не указано значение"],
  [/^error: required option '(.+?)' not specified/, "ошибка: не указан обязательный параметр '$1'"],
  [/^error: too many arguments.*$/m, 'ошибка: лишние аргументы'],
  [/\(Did you mean (one of )?(.+?)\?\)/, '(возможно, имелось в виду $2)'],
];

const translateError = (text: string): string =>
  ERRORS.reduce((out, [pattern, russian]) => out.replace(pattern, russian), text);

/**
 * Makes every command's help and commander's own messages Russian, in one place: call it
 * once on the whole program after all commands are registered (commander copies help
 * settings only to commands created after they are set, so each is configured here).
 *
 * @example configureRussianHelp(program); program.helpInformation().startsWith('Запуск:')
 */
export function configureRussianHelp(program: Command): void {
  const visit = (command: Command) => {
    command
      .configureHelp(RUSSIAN_HELP)
      .helpOption('-h, --help', 'показать справку')
      .configureOutput({ outputError: (text, write) => write(translateError(text)) });
    if (command.commands.length > 0) command.helpCommand('help [команда]', 'справка по команде');
    for (const sub of command.commands) visit(sub);
  };
  visit(program);
}
