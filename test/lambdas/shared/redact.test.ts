import { piiReplacer, REDACTED, redactText } from '../../../lambdas/shared/redact';

describe('redactText', () => {
  test.each([
    ['my SSN is 123-45-6789', `my SSN is ${REDACTED}`],
    ['call me at (217) 555-0100', `call me at ${REDACTED}`],
    ['call me at +12175550100 please', `call me at ${REDACTED} please`],
    ['born 1984-02-29', `born ${REDACTED}`],
    ['born 2/29/1984', `born ${REDACTED}`],
    ['case CS-1234567 is late', `case ${REDACTED} is late`],
    ['pin 483920', `pin ${REDACTED}`],
    ['write to jane.doe@example.gov', `write to ${REDACTED}`],
  ])('masks %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  test('keeps text without personal data as it is', () => {
    expect(redactText('DynamoDB GetItem took 12 ms')).toBe('DynamoDB GetItem took 12 ms');
  });
});

describe('piiReplacer', () => {
  test('replaces values under sensitive keys whole and masks patterns elsewhere', () => {
    const logged = JSON.parse(
      JSON.stringify(
        { caseNumber: 'CS1234567', customerName: 'Jane Doe', pin: '1234', note: 'from 217-555-0100', contactId: 'abc-123', attempts: 2 },
        piiReplacer,
      ),
    );
    expect(logged).toEqual({ caseNumber: REDACTED, customerName: REDACTED, pin: REDACTED, note: `from ${REDACTED}`, contactId: 'abc-123', attempts: 2 });
  });

  test('keeps correlation ids whole even when they end in a long digit run', () => {
    const contactId = '5f1c2a3b-1111-4222-8333-123456789012';
    expect(JSON.parse(JSON.stringify({ contactId, sessionId: contactId }, piiReplacer))).toEqual({ contactId, sessionId: contactId });
  });

  test('keeps the class name of an error so operators see what failed', () => {
    const logged = JSON.parse(JSON.stringify([{ name: 'ThrottlingException' }, { name: 'Error' }, { name: 'TimeoutError' }], piiReplacer));
    expect(logged).toEqual([{ name: 'ThrottlingException' }, { name: 'Error' }, { name: 'TimeoutError' }]);
  });

  test('redacts a name that is not an error class', () => {
    expect(JSON.parse(JSON.stringify({ name: 'Jane Doe' }, piiReplacer))).toEqual({ name: REDACTED });
  });
});
