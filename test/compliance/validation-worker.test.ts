import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CloudFormationValidatePlugin, IPolicyValidationContext } from 'aws-cdk-lib';
import { prefetchInWorker, startEngineInWorker, validateInWorker } from '../../lib/compliance/validation-worker';

const PLANTED = {
  Resources: {
    Queue: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 30, Bogus: 1 } },
    Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'alerts' } },
  },
};

let outdir: string;
beforeAll(() => (outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcck-worker-'))));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

function contextFor(template: object): IPolicyValidationContext {
  const templatePath = path.join(outdir, 'Queues.template.json');
  fs.writeFileSync(templatePath, JSON.stringify(template));
  return { templatePaths: [templatePath], stackTemplates: [{ stackConstructPath: 'Queues', templatePath, region: 'us-gov-west-1' }] } as unknown as IPolicyValidationContext;
}

describe('CloudFormation validation engine in a worker thread', () => {
  test('reports exactly what the built-in plugin reports in the main thread, a planted property included, even after an engine started for other types', () => {
    // GIVEN an engine started early in the worker for a set of types the template does not match
    startEngineInWorker(['AWS::SNS::Topic']);
    const context = contextFor(PLANTED);
    const mainThreadEngines = jest.spyOn(CloudFormationValidatePlugin.prototype as unknown as { initializeEngine: () => unknown }, 'initializeEngine');
    // WHEN the same template is validated in the worker
    const inWorker = validateInWorker(new CloudFormationValidatePlugin()).validate(context);
    // THEN no engine was started in the main thread
    expect(mainThreadEngines).not.toHaveBeenCalled();
    mainThreadEngines.mockRestore();
    // AND the findings are the built-in's (which the main thread computes for reference)
    const reference = new CloudFormationValidatePlugin().validate(context);
    expect(inWorker).toEqual(reference);
    expect(inWorker.success).toBe(false);
    expect(inWorker.violations).toEqual([
      expect.objectContaining({
        severity: 'error',
        description: expect.stringContaining('Bogus'),
        violatingResources: [expect.objectContaining({ resourceLogicalId: 'Queue', templatePath: context.stackTemplates[0].templatePath })],
      }),
    ]);
    // AND a validation whose templates were handed to the worker beforehand (prefetch) reports the same
    const prefetched = validateInWorker(new CloudFormationValidatePlugin());
    const main = jest.spyOn(CloudFormationValidatePlugin.prototype, 'validate');
    prefetchInWorker(prefetched, context);
    expect(prefetched.validate(context)).toEqual(reference);
    expect(main).toHaveBeenCalledTimes(2);
    main.mockRestore();
  });

  test('prefetch is a no-op for a plugin whose engine is not in the worker', () => {
    const plugin = new CloudFormationValidatePlugin();
    const validate = jest.spyOn(plugin, 'validate');
    prefetchInWorker(plugin, contextFor(PLANTED));
    expect(validate).not.toHaveBeenCalled();
  });
});
