import { LANGUAGES } from '../../lib/config/schema';
import { lexLocaleOf } from '../../lib/config/lex-locale';

describe('lexLocaleOf', () => {
  test('maps each caller language the kit speaks to the Lex V2 locale GovCloud offers for it', () => {
    expect(LANGUAGES.map(lexLocaleOf)).toEqual(['en_US', 'es_US']);
  });
});
