import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { logger } from '../../../lambdas/shared/powertools';
import { MAX_REDACTED_CHARS, maskPii, piiReplacer, REDACTED, redactText, TEXT_PATTERNS } from '../../../lambdas/shared/redact';
import { captureOutput } from '../helpers';

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
    // Shapes that passed the earlier patterns:
    ['ssn 123 45 6789 on file', `ssn ${REDACTED} on file`],
    ['ssn 123.45.6789 on file', `ssn ${REDACTED} on file`],
    ['call +44 20 7946 0958 today', `call ${REDACTED} today`],
    ['llame al +52 55 1234 5678', `llame al ${REDACTED}`],
    ['case cs-123 4567 is late', `case ${REDACTED} is late`],
    ['case CS.123.4567 is late', `case ${REDACTED} is late`],
    ['case 123-4567 is late', `case ${REDACTED} is late`],
    ['my pin is 4821', `my pin is ${REDACTED}`],
    ['PIN: 48213', `PIN: ${REDACTED}`],
    ['su NIP es 4821', `su NIP es ${REDACTED}`],
    ['passcode=12345678', `passcode=${REDACTED}`],
    ['card 4111 1111 1111 1111 declined', `card ${REDACTED} declined`],
    ['card 5500-0000-0000-0004.', `card ${REDACTED}.`],
    ['card 378282246310005', `card ${REDACTED}`],
    ['born 2/9/84', `born ${REDACTED}`],
  ])('masks %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  test.each([
    'DynamoDB GetItem took 12 ms',
    'attempt 2 of 3, retrying in 250 ms',
    'Request aborted after 3000 ms',
    'status 429 from dynamodb.us-gov-west-1.amazonaws.com',
    'Task timed out after 3.00 seconds',
    'ThrottlingException: Rate exceeded',
  ])('keeps %j, which holds no personal data, as it is', (text) => {
    expect(redactText(text)).toBe(text);
  });

  test(`cuts text longer than ${MAX_REDACTED_CHARS} characters and says how much was dropped`, () => {
    const redacted = redactText(`${'x'.repeat(MAX_REDACTED_CHARS)}tail +12175550100`);
    expect(redacted).toBe(`${'x'.repeat(MAX_REDACTED_CHARS)}…[17 more characters dropped]`);
  });
});

/** Parses a pattern's source far enough to find quantifiers and what they apply to. */
function quantifierProblems(source: string): string[] {
  const problems: string[] = [];
  const groups: boolean[] = []; // per open group: does it contain a quantifier?
  let lastAtomWasGroupWithQuantifier = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      lastAtomWasGroupWithQuantifier = false;
      continue;
    }
    if (c === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      lastAtomWasGroupWithQuantifier = false;
      continue;
    }
    if (c === '(') {
      groups.push(false);
      if (source[i + 1] === '?') i += source[i + 2] === '<' && (source[i + 3] === '=' || source[i + 3] === '!') ? 3 : 2;
      lastAtomWasGroupWithQuantifier = false;
      continue;
    }
    if (c === ')') {
      const hadQuantifier = groups.pop() ?? false;
      if (hadQuantifier && groups.length > 0) groups[groups.length - 1] = true;
      lastAtomWasGroupWithQuantifier = hadQuantifier;
      continue;
    }
    const quantifier = c === '*' || c === '+' ? c : c === '{' ? source.slice(i, source.indexOf('}', i) + 1) : c === '?' ? '?' : undefined;
    if (quantifier !== undefined) {
      if (quantifier === '*' || quantifier === '+' || /^\{\d+,\}$/.test(quantifier)) problems.push(`unbounded ${quantifier} at ${i}`);
      if (lastAtomWasGroupWithQuantifier && quantifier !== '?') problems.push(`quantified group holding a quantifier at ${i}`);
      if (groups.length > 0) groups[groups.length - 1] = true;
      if (c === '{') i = source.indexOf('}', i);
      lastAtomWasGroupWithQuantifier = false;
      continue;
    }
    lastAtomWasGroupWithQuantifier = false;
  }
  return problems;
}

describe('redaction runs in linear time', () => {
  test('no pattern has an unbounded or nested quantifier', () => {
    expect(TEXT_PATTERNS.map(([pattern]) => [pattern.source, quantifierProblems(pattern.source)])).toEqual(
      TEXT_PATTERNS.map(([pattern]) => [pattern.source, []]),
    );
    // The checker itself finds what it looks for.
    expect(quantifierProblems('[\\w.+-]+@')).toEqual(['unbounded + at 7']);
    expect(quantifierProblems('(?:a{1,3}b){2,5}')).toEqual(['quantified group holding a quantifier at 11']);
  });

  // 70,000 characters each, shaped to make a backtracking pattern retry from every position
  // (the e-mail pattern this replaces took 6 to 20 s on these). Timings are in bench/redact.ts;
  // here the output must be right and arrive well inside a generous bound.
  test.each([
    ['a run of word characters with no @', 'a'.repeat(70_000), 'a'.repeat(70_000)],
    ['dotted word characters with no @', 'a.'.repeat(35_000), 'a.'.repeat(35_000)],
    ['digits and dashes', '1-'.repeat(35_000), `${REDACTED}-`],
    ['@ after every letter', 'a@'.repeat(35_000), 'a@'.repeat(35_000)],
    ['the word pin without digits', 'pin '.repeat(17_500), 'pin '.repeat(17_500)],
    ['slashes between digits', '1/'.repeat(35_000), `${REDACTED}/`],
  ])('masks 70,000 characters of %s correctly, at once', (_shape, input, expected) => {
    const started = performance.now();
    const output = maskPii(input);
    const elapsed = performance.now() - started;
    expect(output).toBe(expected);
    expect(elapsed).toBeLessThan(1000);
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

describe('errors in logs', () => {
  let output: string[] = [];
  beforeEach(() => {
    output = captureOutput();
  });
  afterEach(() => jest.restoreAllMocks());

  test("logs an SDK error's class, status and request id, and neither the Item it carries nor PII in its message or cause", () => {
    // Prepare: what DynamoDB raises with ReturnValuesOnConditionCheckFailure ALL_OLD.
    const error = new ConditionalCheckFailedException({
      message: 'The conditional request failed for CS-1234567',
      $metadata: { httpStatusCode: 400, requestId: 'REQ123', attempts: 1, totalRetryDelay: 0 },
      Item: { caseNumber: { S: 'CS1234567' }, salt: { S: 'c2FsdHNhbHRzYWx0' }, pinHash: { S: 'aGFzaGhhc2g=' }, failedAttempts: { N: '3' } },
    });
    (error as { cause?: unknown }).cause = Object.assign(new Error('socket to +12175550100 closed'), { Body: 'q=jane.doe@example.gov' });

    // Act
    logger.error('update failed', { error });

    // Assess
    const line = JSON.parse(output.join(''));
    expect(line.error).toMatchObject({
      name: 'ConditionalCheckFailedException',
      message: `The conditional request failed for ${REDACTED}`,
      $metadata: { httpStatusCode: 400, requestId: 'REQ123', attempts: 1, totalRetryDelay: 0 },
      $fault: 'client',
      Item: REDACTED,
      cause: { name: 'Error', message: `socket to ${REDACTED} closed`, Body: REDACTED },
    });
    expect(line.error.location).toEqual(expect.any(String));
    const text = output.join('');
    for (const secret of ['c2FsdHNhbHRzYWx0', 'aGFzaGhhc2g=', '1234567', '2175550100', 'jane.doe']) expect(text).not.toContain(secret);
  });
});
