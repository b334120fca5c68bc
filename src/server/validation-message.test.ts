import { describe, expect, it } from 'vitest';
import { russianValidationMessage } from './validation-message.js';

describe('schema problems in Russian', () => {
  it('names the field and says what is wrong', () => {
    expect(
      russianValidationMessage(
        [{ instancePath: '', keyword: 'required', params: { missingProperty: 'asOf' } }],
        'body',
      ),
    ).toBe('Поле «asOf»: обязательное поле не передано.');
    expect(
      russianValidationMessage(
        [{ instancePath: '/tree/children/0/weight', keyword: 'type', params: { type: 'number' } }],
        'body',
      ),
    ).toBe('Поле «tree.children.0.weight»: должно быть числом.');
    expect(
      russianValidationMessage(
        [{ instancePath: '/licence', keyword: 'maxLength', params: { limit: 500 } }],
        'body',
      ),
    ).toBe('Поле «licence»: не длиннее 500 символов.');
    expect(
      russianValidationMessage(
        [
          {
            instancePath: '',
            keyword: 'additionalProperties',
            params: { additionalProperty: 'x' },
          },
        ],
        'querystring',
      ),
    ).toBe('параметры адреса: лишнее поле «x».');
  });
});
