import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * Settings every bucket of the kit shares: public access blocked, ACLs off, TLS 1.2 or later
 * only, versioning on, retained when removed from the stack.
 */
export const BUCKET_BASELINE: Readonly<s3.BucketProps> = Object.freeze({
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  versioned: true,
  removalPolicy: RemovalPolicy.RETAIN,
});
