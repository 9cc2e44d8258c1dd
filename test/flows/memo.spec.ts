import { oncePerObject } from '../../lib/flows/memo';

describe('oncePerObject', () => {
  test('analyses each object once, an equal but different object anew, and remembers an undefined result too', () => {
    const seen: object[] = [];
    const analyse = oncePerObject((doc: { id: string }) => {
      seen.push(doc);
      return doc.id === 'none' ? undefined : `${doc.id}!`;
    });
    const a = { id: 'a' };
    const copy = { id: 'a' };
    const none = { id: 'none' };
    expect([analyse(a), analyse(a), analyse(copy), analyse(none), analyse(none)]).toEqual(['a!', 'a!', 'a!', undefined, undefined]);
    expect(seen).toEqual([a, copy, none]);
    expect(seen[0]).toBe(a);
    expect(seen[1]).toBe(copy);
  });
});
