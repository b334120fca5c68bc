import { describe, expect, it } from 'vitest';
import { buildMunicipalityMatcher } from './match-municipality.js';
import { coreName, normaliseName } from './normalise-name.js';

describe('normaliseName', () => {
  it.each([
    ['Грачёвский район', 'Грачевский район'],
    ['г.Орск', 'город Орск'],
    ['г. Орск', 'ГОРОД ОРСК'],
    ['Соль-Илецкий городской округ', 'Соль – Илецкий  городской округ'],
    ['ЗАТО «Комаровский»', 'ЗАТО Комаровский'],
  ])('%s ≡ %s', (a, b) => {
    expect(normaliseName(a)).toBe(normaliseName(b));
  });

  it.each([
    ['Бузулукский район', 'г.Бузулук'],
    ['Гайский район', 'Гайский городской округ'],
  ])('%s ≢ %s', (a, b) => {
    expect(normaliseName(a)).not.toBe(normaliseName(b));
  });

  it('gives the canonical form', () => {
    expect(normaliseName(' г.Бузулук ')).toBe('город бузулук');
  });
});

describe('kind words', () => {
  it.each([
    ['Грачёвский муниципальный район', 'Грачевский район'],
    ['Гайский г.о.', 'Гайский городской округ'],
  ])('%s ≡ %s', (a, b) => {
    expect(normaliseName(a)).toBe(normaliseName(b));
  });

  it.each([
    ['Бузулукский р-н', 'Бузулукский район'],
    ['Бузулукский МР', 'Бузулукский муниципальный район'],
    ['Гайский ГО', 'Гайский городской округ'],
    ['ГО г. Орск', 'городской округ город Орск'],
    ['МО г.Бузулук', 'г.Бузулук'],
    ['МО «Город Бугуруслан»', 'город Бугуруслан'],
    ['Муниципальное образование Ясненский городской округ', 'Ясненский городской округ'],
    ['ЗАТО пос. Комаровский', 'ЗАТО посёлок Комаровский'],
    ['Закрытое административно-территориальное образование Комаровский', 'ЗАТО Комаровский'],
  ])('abbreviated %s ≡ %s', (a, b) => {
    expect(normaliseName(a)).toBe(normaliseName(b));
  });

  it.each([
    ['Гайский муниципальный округ', 'Гайский городской округ'],
    ['Гайский район', 'Гайский муниципальный округ'],
  ])('%s ≢ %s, same core', (a, b) => {
    expect(normaliseName(a)).not.toBe(normaliseName(b));
    expect(coreName(a)).toBe(coreName(b));
  });
});

describe('buildMunicipalityMatcher', () => {
  const matcher = buildMunicipalityMatcher([
    { code: 'gayskiy-go', name: 'Гайский городской округ', aliases: [], oktmo: '53715000' },
    { code: 'buzuluk-city', name: 'г.Бузулук', aliases: ['Бузулук'], oktmo: null },
    { code: 'buzulukskiy-district', name: 'Бузулукский район', aliases: [], oktmo: null },
  ]);

  it('matches names, aliases and OKTMO codes exactly, nothing else', () => {
    expect(matcher.match('город Бузулук')).toBe('buzuluk-city');
    expect(matcher.match('Бузулукский муниципальный район')).toBe('buzulukskiy-district');
    expect(matcher.match('53715000')).toBe('gayskiy-go');
    expect(matcher.match('53715000000')).toBe('gayskiy-go');
    expect(matcher.match('Гайский район')).toBeNull();
  });

  it('offers the closest units for an unknown name, same core first', () => {
    expect(matcher.candidates('Гайский район')[0]).toEqual({
      code: 'gayskiy-go',
      name: 'Гайский городской округ',
    });
    expect(matcher.candidates('Бузулукскй район')[0]?.code).toBe('buzulukskiy-district');
    // However far the name, the closest units are offered (never «похожих нет»).
    expect(matcher.candidates('Москва')).toHaveLength(3);
  });
});
