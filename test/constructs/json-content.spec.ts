import { App, Aws, CfnResource, Fn, Lazy, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { jsonContent } from '../../lib/constructs/json-content';

const ENV = { account: '111111111111', region: 'us-gov-west-1' };

/** The tokens a flow's references resolve to, and harder ones: literals that need escaping, joins. */
function tokensIn(stack: Stack): string[] {
  const target = new CfnResource(stack, 'Target', { type: 'AWS::SNS::Topic' });
  return [
    target.ref,
    target.getAtt('TopicArn').toString(),
    stack.formatArn({ service: 'connect', resource: 'instance', resourceName: target.ref }),
    Fn.join(':', ['a"b', target.ref, 'c\\d']),
    Fn.join('', ['x', Aws.PARTITION, 'y']),
    Lazy.string({ produce: () => 'quote " backslash \\ newline \n tab \t unicode é \u2028 end' }),
    Lazy.string({ produce: () => '' }),
  ];
}

/** Text made of random characters, JSON-special ones and things that look like token markers. */
function textOf(extra: fc.Arbitrary<string>[]): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('"', '\\', '\n', '${', '}', ']}', 'Token['), ...extra), { maxLength: 5 })
    .map((parts) => parts.join(''));
}

/** A JSON document whose string values carry tokens at random places (keys are plain text, as in flows). */
function documentWith(tokens: readonly string[]): fc.Arbitrary<unknown> {
  const text = textOf([fc.constantFrom(...tokens)]);
  const leaf = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
  return fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(textOf([]), tie('value'), { maxKeys: 4 })),
  })).value;
}

describe('jsonContent', () => {
  test('renders the same template value as Stack.toJsonString for documents holding any tokens', () => {
    // GIVEN a stack and the tokens a document may hold
    const stack = new Stack(new App(), 'Doc', { env: ENV });
    const tokens = tokensIn(stack);
    fc.assert(
      fc.property(documentWith(tokens), (document) => {
        // WHEN the document is rendered both ways, THEN the resolved values are identical
        expect(stack.resolve(jsonContent(() => document))).toEqual(stack.resolve(stack.toJsonString(document)));
      }),
      { seed: 20261127, numRuns: 300 },
    );
  });

  test('is valid JSON that decodes to the document once the intrinsics are substituted', () => {
    // GIVEN a document with a GetAtt, a Ref inside text and a literal that needs escaping
    const stack = new Stack(new App(), 'Doc', { env: ENV });
    const target = new CfnResource(stack, 'Target', { type: 'AWS::SNS::Topic' });
    const literal = Lazy.string({ produce: () => 'say "hi"\\n' });
    const document = { Actions: [{ Arn: target.getAtt('TopicArn').toString(), Text: `before ${target.ref} after`, Quote: literal }] };
    // WHEN it is resolved
    const resolved = stack.resolve(jsonContent(() => document)) as { 'Fn::Join': [string, unknown[]] };
    // THEN the join's parts, with each intrinsic replaced by a stand-in, parse to the document
    expect(resolved['Fn::Join'][0]).toBe('');
    const standIn = (part: unknown) => (typeof part === 'string' ? part : JSON.stringify(part) === JSON.stringify({ 'Fn::GetAtt': ['Target', 'TopicArn'] }) ? 'ARN' : 'REF');
    expect(JSON.parse(resolved['Fn::Join'][1].map(standIn).join(''))).toEqual({ Actions: [{ Arn: 'ARN', Text: 'before REF after', Quote: 'say "hi"\\n' }] });
  });

  test('is a literal string when the document holds no token', () => {
    const stack = new Stack(new App(), 'Doc', { env: ENV });
    const document = { Version: '2019-10-30', Actions: [{ Text: 'a "quoted" \\ word', N: 3 }] };
    expect(stack.resolve(jsonContent(() => document))).toBe(JSON.stringify(document));
  });

  test('produces the document once however often the property is resolved', () => {
    const stack = new Stack(new App(), 'Doc', { env: ENV });
    let produced = 0;
    const content = jsonContent(() => {
      produced += 1;
      return { Arn: stack.formatArn({ service: 'sns', resource: 'topic' }) };
    });
    stack.resolve(content);
    stack.resolve(content);
    expect(produced).toBe(1);
  });

  test('turns a token of another stack into an export and import, as toJsonString does', () => {
    // GIVEN a resource in one stack and, in another, two properties naming its ARN
    const app = new App();
    const producer = new Stack(app, 'Producer', { env: ENV });
    const topic = new CfnResource(producer, 'Topic', { type: 'AWS::SNS::Topic' });
    const consumer = new Stack(app, 'Consumer', { env: ENV });
    const document = { Actions: [{ Topic: topic.getAtt('TopicArn').toString(), Name: `topic ${topic.ref}` }] };
    new CfnResource(consumer, 'Fast', { type: 'AWS::SSM::Parameter', properties: { Value: jsonContent(() => document) } });
    new CfnResource(consumer, 'Reference', { type: 'AWS::SSM::Parameter', properties: { Value: consumer.toJsonString(document) } });
    // WHEN the app is synthesized
    const assembly = app.synth();
    const resources = assembly.getStackByName('Consumer').template.Resources;
    // THEN both properties import the producer's exports, identically
    expect(resources.Fast.Properties.Value).toEqual(resources.Reference.Properties.Value);
    expect(JSON.stringify(resources.Fast.Properties.Value)).toContain('Fn::ImportValue');
    expect(Object.keys(assembly.getStackByName('Producer').template.Outputs ?? {})).toHaveLength(2);
  });
});
