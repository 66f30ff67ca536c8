import { candidateKeys, matchKey, pickTemplate } from './template-match';

describe('template matching', () => {
  it('orders candidates customer+source, customer, source, default', () => {
    expect(candidateKeys('acme', 'Wazuh')).toEqual(['acme|wazuh', 'acme|', '|wazuh', '|']);
    expect(candidateKeys('acme', null)).toEqual(['acme|', '|']);
  });

  it('picks the most specific template that exists, whatever order the rows came in', () => {
    const rows = [{ id: 4, matchKey: '|' }, { id: 3, matchKey: '|wazuh' }, { id: 2, matchKey: 'acme|' }];
    expect(pickTemplate(candidateKeys('acme', 'wazuh'), rows)?.id).toBe(2);
    expect(pickTemplate(candidateKeys('other', 'wazuh'), rows)?.id).toBe(3);
    expect(pickTemplate(candidateKeys('other', 'graylog'), rows)?.id).toBe(4);
    expect(pickTemplate(candidateKeys('other', null), rows.slice(1))).toBeNull();
  });

  it('keys an unset customer or source as empty and folds the source to lower case', () => {
    expect(matchKey(null, null)).toBe('|');
    expect(matchKey('acme', 'GrayLog')).toBe('acme|graylog');
  });
});
