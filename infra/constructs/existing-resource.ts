import { ContextProvider } from 'aws-cdk-lib';
import * as cxschema from 'aws-cdk-lib/cloud-assembly-schema';
import type { Construct } from 'constructs';

/**
 * Properties of a resource that already exists in the stack's account (the CloudFormation resource
 * `typeName` named `identifier`), looked up through the Cloud Control API at synth time and cached in
 * cdk.context.json; undefined when there is none. Needs a stack with an explicit account and region.
 */
export function lookUpExisting(
  scope: Construct,
  typeName: string,
  identifier: string,
  properties: readonly string[],
): Record<string, unknown> | undefined {
  const { value } = ContextProvider.getValue(scope, {
    provider: cxschema.ContextProvider.CC_API_PROVIDER,
    props: { typeName, exactIdentifier: identifier, propertiesToReturn: [...properties] },
    dummyValue: [],
    mustExist: false,
  });
  return Array.isArray(value) && value.length > 0 ? (value[0] as Record<string, unknown>) : undefined;
}
