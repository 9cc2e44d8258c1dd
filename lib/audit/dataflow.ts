import { asList, Assembly, at, keyOf } from './model';
import type { EncryptionInventory } from './encryption';
import type { DeployedFlow } from './flows';
import type { Statement } from './policies';
import type { RetentionEntry } from './retention';
import type { SecurityProfileEntry } from './access';
import type { Evidence, ResourceRef } from './types';
import { evidence } from './model';

/**
 * Where each kind of caller data goes: voice, chat, DTMF and PIN, case number, phone number,
 * survey answers and Contact Lens output → the stores that keep it, their keys, their
 * retention, who can read it, and where it is redacted. Derived from the storage
 * configurations, the functions' table variables, the flows' actions and the bots' slots.
 */

/** A store a kind of caller data lands in. */
export interface DataDestination extends ResourceRef {
  readonly name: string;
  /** Where in the store (prefix, attribute), when known. */
  readonly where: string;
  readonly key?: string;
  readonly retention?: string;
  /** Roles (with the actions they may take on it), services and security profiles that can reach it. */
  readonly readers: readonly string[];
}

/** One kind of caller data. */
export interface DataKind {
  readonly id: 'voice' | 'chat' | 'dtmf-pin' | 'case-number' | 'phone-number' | 'survey' | 'contact-lens';
  readonly title: string;
  /** How it enters the system (flows, bots, functions). */
  readonly collectedBy: readonly string[];
  readonly destinations: readonly DataDestination[];
  /** Where it is redacted or obfuscated, or why it is not. */
  readonly redaction: readonly string[];
  readonly evidence: readonly Evidence[];
}

/** Builds the caller-data flow. */
export function callerDataFlow(
  assembly: Assembly,
  flows: readonly DeployedFlow[],
  encryption: EncryptionInventory,
  retention: readonly RetentionEntry[],
  statements: readonly Statement[],
  profiles: readonly SecurityProfileEntry[],
): DataKind[] {
  const destination = (ref: ResourceRef | undefined, where: string, extraReaders: string[] = []): DataDestination | undefined => {
    const r = assembly.get(ref);
    if (!r) return undefined;
    const enc = encryption.stores.find((e) => keyOf(e) === keyOf(r));
    const keyEntry = enc?.key ? encryption.keys.find((k) => keyOf(k) === keyOf(enc.key!)) : undefined;
    const readers = new Set<string>(extraReaders);
    for (const s of statements) {
      if (s.effect !== 'Allow' || !s.resourceRefs.some((x) => keyOf(x) === keyOf(r))) continue;
      const actions = s.actions.join(', ');
      if (s.kind === 'identity') for (const role of s.appliesTo) readers.add(`role ${assembly.label(role)} (${actions})`);
      if (s.kind === 'resource') for (const p of s.principals) readers.add(`${p} (${actions})`);
    }
    return {
      stack: r.stack,
      logicalId: r.logicalId,
      name: assembly.label(r),
      where,
      key: enc ? (keyEntry ? `${keyEntry.name} (customer-managed, rotation ${keyEntry.rotation ? 'on' : 'off'})` : enc.atRest) : undefined,
      retention: retention.find((x) => keyOf(x) === keyOf(r))?.retention,
      readers: [...readers].sort(),
    };
  };
  const storage = (type: string) => assembly.ofType('AWS::Connect::InstanceStorageConfig').filter((s) => s.properties.ResourceType === type);
  const bucketOf = (s: (typeof assembly.resources)[number]) => assembly.resolve(at(s.properties, 'S3Config.BucketName'), s.stack);
  const profileReaders = (test: (p: SecurityProfileEntry) => boolean) => profiles.filter(test).map((p) => `security profile ${p.profile} (${p.contactContent})`);
  // Amazon Connect writes through its service-linked role, which is outside the templates.
  const contentReaders = ['Amazon Connect service-linked role (writes)', ...profileReaders((p) => p.permissions.includes('ListenCallRecordings') || p.permissions.includes('RedactedData.View'))];
  const recordReaders = profiles.filter((p) => p.permissions.includes('ContactSearch.View')).map((p) => `security profile ${p.profile} (contact search: contact records)`);
  const redactionSettings = flows.flatMap((f) => f.recording.filter((x) => /Redaction/.test(x.settings)).map((x) => `${f.name}: "${x.action}" ${/RedactedOnly/.test(x.settings) ? 'keeps the redacted version only' : 'redacts'} (${x.channel} analytics)`));
  const voiceRecording = flows.flatMap((f) => f.recording.filter((x) => x.channel === 'voice' && /"RecordedParticipants":\["/.test(x.settings)));
  const ivrRecorded = voiceRecording.some((x) => !/"IVRRecordingBehavior":"Disabled"/.test(x.settings));
  const functionsWith = (variable: string) => assembly.ofType('AWS::Lambda::Function').filter((fn) => at(fn.properties, `Environment.Variables.${variable}`) !== undefined);
  const tableOf = (variable: string) => {
    const fn = functionsWith(variable)[0];
    return fn ? assembly.resolve(at(fn.properties, `Environment.Variables.${variable}`), fn.stack) : undefined;
  };
  const flowsInvoking = (fns: ResourceRef[]) => flows.filter((f) => f.invokes.some((i) => fns.some((fn) => fn.logicalId === i.logicalId))).map((f) => `flow ${f.name}`);
  const ctr = storage('CONTACT_TRACE_RECORDS')[0];
  const ctrFirehose = ctr ? assembly.resolve(at(ctr.properties, 'KinesisFirehoseConfig.FirehoseArn'), ctr.stack) : undefined;
  const ctrBucket = ctrFirehose ? assembly.resolve(at(ctrFirehose.properties, 'ExtendedS3DestinationConfiguration.BucketARN'), ctrFirehose.stack) : undefined;
  const ctrPrefix = ctrFirehose ? String(at(ctrFirehose.properties, 'ExtendedS3DestinationConfiguration.Prefix') ?? '').split('/')[0] : '';
  const instance = assembly.ofType('AWS::Connect::Instance')[0];
  const contactLensOn = instance ? at(instance.properties, 'Attributes.ContactLens') === true : false;
  const bots = assembly.ofType('AWS::Lex::Bot');
  const slots = bots.flatMap((b) =>
    asList<Record<string, unknown>>(b.properties.BotLocales).flatMap((locale, li) =>
      asList<Record<string, unknown>>(locale.Intents).flatMap((intent, ii) =>
        asList<Record<string, unknown>>(intent.Slots).map((slot, si) => ({ bot: b, slot, path: `Properties.BotLocales[${li}].Intents[${ii}].Slots[${si}]`, locale: String(locale.LocaleId) })),
      ),
    ),
  );
  const caseSlots = slots.filter((s) => /case/i.test(String(s.slot.Name)));
  const compact = <T>(xs: Array<T | undefined>): T[] => xs.filter((x): x is T => x !== undefined);
  const ctrDestination = () => compact([destination(ctrBucket, `${ctrPrefix}/ (contact trace records, via ${ctrFirehose ? assembly.label(ctrFirehose) : 'Firehose'})`, recordReaders)]);
  const ev = (xs: Array<Evidence | undefined>) => xs.filter((x): x is Evidence => x !== undefined);

  const kinds: DataKind[] = [];
  const recordings = storage('CALL_RECORDINGS');
  kinds.push({
    id: 'voice',
    title: 'Voice (call recordings)',
    collectedBy: flows.filter((f) => f.recording.some((x) => x.channel === 'voice')).map((f) => `flow ${f.name}`),
    destinations: compact(recordings.map((s) => destination(bucketOf(s), `${String(at(s.properties, 'S3Config.BucketPrefix'))}/`, contentReaders))),
    redaction: redactionSettings.filter((x) => /voice/.test(x)).length ? redactionSettings.filter((x) => /voice/.test(x)) : ['no Contact Lens redaction set in any flow'],
    evidence: ev(recordings.map((s) => evidence(s, 'Properties.S3Config', 'Amazon Connect stores call recordings here'))),
  });
  const transcripts = storage('CHAT_TRANSCRIPTS');
  kinds.push({
    id: 'chat',
    title: 'Chat (transcripts)',
    collectedBy: flows.filter((f) => f.recording.some((x) => x.channel === 'chat')).map((f) => `flow ${f.name}`),
    destinations: compact(transcripts.map((s) => destination(bucketOf(s), `${String(at(s.properties, 'S3Config.BucketPrefix'))}/`, contentReaders))),
    redaction: redactionSettings.filter((x) => /chat/.test(x)).length ? redactionSettings.filter((x) => /chat/.test(x)) : ['no Contact Lens chat redaction set in any flow'],
    evidence: ev(transcripts.map((s) => evidence(s, 'Properties.S3Config', 'Amazon Connect stores chat transcripts here'))),
  });
  const verificationTable = tableOf('VERIFICATION_TABLE_NAME');
  const verifiers = functionsWith('VERIFICATION_TABLE_NAME');
  const dtmfFlows = flows.filter((f) => f.inputs.length > 0);
  kinds.push({
    id: 'dtmf-pin',
    title: 'DTMF input and PIN',
    collectedBy: [...new Set([...dtmfFlows.map((f) => `flow ${f.name}`), ...verifiers.map((fn) => `function ${assembly.label(fn)}`)])],
    destinations: compact([destination(verificationTable, 'salted hashes of PIN and date of birth; attempt counters')]),
    redaction: [
      ...dtmfFlows.flatMap((f) => f.inputs.map((i) => `${f.name}: "${i.action}" stores the digits in the contact ${i.encrypted ? 'encrypted' : 'unencrypted (kept for the next action only, not written to the contact record)'}`)),
      'the PIN is compared with a salted hash in the function and never stored in clear',
      ...(voiceRecording.length > 0 ? [ivrRecorded ? 'a flow records the IVR part of the call, where digits are keyed' : 'no flow records the IVR part of the call (IVRRecordingBehavior Disabled), so keyed digits are not in recordings'] : []),
    ],
    evidence: ev(verifiers.map((fn) => evidence(fn, 'Properties.Environment.Variables.VERIFICATION_TABLE_NAME', 'the function that checks the PIN reads this table'))),
  });
  const caseTable = tableOf('CASE_TABLE_NAME');
  const caseFns = [...functionsWith('CASE_TABLE_NAME'), ...verifiers];
  kinds.push({
    id: 'case-number',
    title: 'Case number',
    collectedBy: [...new Set([...caseSlots.map((s) => `bot ${assembly.label(s.bot)} slot ${String(s.slot.Name)} (${s.locale})`), ...flowsInvoking(caseFns), ...caseFns.map((fn) => `function ${assembly.label(fn)}`)])],
    destinations: compact([destination(caseTable, 'partition key caseNumber'), destination(verificationTable, 'partition key caseNumber'), ...ctrDestination()]),
    redaction: caseSlots.length
      ? caseSlots.map((s) => `bot slot ${String(s.slot.Name)} (${s.locale}): obfuscation ${String(at(s.slot, 'ObfuscationSetting.ObfuscationSettingType') ?? 'None')}`)
      : ['no bot slot collects it'],
    evidence: ev(caseSlots.map((s) => evidence(s.bot, `${s.path}.ObfuscationSetting`, `slot ${String(s.slot.Name)} obfuscation`))),
  });
  kinds.push({
    id: 'phone-number',
    title: "Caller's phone number",
    collectedBy: ['Amazon Connect (caller ID of every call)'],
    destinations: ctrDestination(),
    redaction: ['kept in the contact trace record (CustomerEndpoint); Contact Lens redaction does not apply to contact records'],
    evidence: ev([ctr ? evidence(ctr, 'Properties.KinesisFirehoseConfig', 'contact trace records go to this delivery stream') : undefined]),
  });
  const surveyFns = functionsWith('SURVEY_TABLE_NAME');
  const surveyBucket = surveyFns[0] ? assembly.resolve(at(surveyFns[0].properties, 'Environment.Variables.SURVEY_BUCKET_NAME'), surveyFns[0].stack) : undefined;
  kinds.push({
    id: 'survey',
    title: 'Survey answers',
    collectedBy: [...flowsInvoking(surveyFns), ...surveyFns.map((fn) => `function ${assembly.label(fn)}`)],
    destinations: compact([destination(tableOf('SURVEY_TABLE_NAME'), 'one item per contact'), destination(surveyBucket, 'surveys/ (one object per contact, for Athena)')]),
    redaction: ['answers are digits (scores); no free text is collected'],
    evidence: ev(surveyFns.map((fn) => evidence(fn, 'Properties.Environment.Variables', 'the survey writer and where it writes'))),
  });
  kinds.push({
    id: 'contact-lens',
    title: 'Contact Lens output',
    collectedBy: contactLensOn ? ['Amazon Connect Contact Lens (analytics of recorded calls and chats)'] : [],
    destinations: contactLensOn ? compact(recordings.map((s) => destination(bucketOf(s), 'Analysis/ (transcripts, sentiment, redacted files)', contentReaders))) : [],
    redaction: contactLensOn ? (redactionSettings.length ? redactionSettings : ['no redaction configured']) : ['Contact Lens is off'],
    evidence: ev([instance ? evidence(instance, 'Properties.Attributes.ContactLens', contactLensOn ? 'Contact Lens is on' : 'Contact Lens is off') : undefined]),
  });
  return kinds;
}
