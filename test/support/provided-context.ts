declare module 'vitest' {
  /** Values the global setup hands to every test file through `inject()`. */
  export interface ProvidedContext {
    /** The run's one DynamoDB Local (or DYNAMODB_ENDPOINT when set). */
    dynamoEndpoint: string;
  }
}

export {};
