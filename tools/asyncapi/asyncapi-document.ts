/** Builds the AsyncAPI 3 document of the whole event catalogue. */
import { CE_HEADERS, DEAD_LETTER_RETENTION_MS, EVENT_CATALOGUE, EventDefinition, TOPICS, TopicDefinition } from '@tenantry/contracts';
import { JsonSchema, reachableClasses, toJsonSchema } from './json-schema';

const HEADERS_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'CloudEvents 1.0 attributes in Kafka binary mode; the message value is the JSON payload.',
  required: [CE_HEADERS.specversion, CE_HEADERS.id, CE_HEADERS.source, CE_HEADERS.type, CE_HEADERS.time, CE_HEADERS.schemaVersion],
  properties: {
    [CE_HEADERS.specversion]: { type: 'string', const: '1.0' },
    [CE_HEADERS.id]: { type: 'string', format: 'uuid', description: 'Unique per event; the consumers deduplicate on it.' },
    [CE_HEADERS.source]: { type: 'string', description: 'The publishing service, e.g. /tenantry/tenant-registry.' },
    [CE_HEADERS.type]: { type: 'string', description: 'The event name from the catalogue.' },
    [CE_HEADERS.time]: { type: 'string', format: 'date-time' },
    [CE_HEADERS.tenantId]: { type: 'string', format: 'uuid' },
    [CE_HEADERS.schemaVersion]: { type: 'string', pattern: '^[1-9][0-9]*$' },
    [CE_HEADERS.correlationId]: { type: 'string' },
    [CE_HEADERS.causationId]: { type: 'string' },
    [CE_HEADERS.contentType]: { type: 'string', const: 'application/json' },
    [CE_HEADERS.traceparent]: { type: 'string', description: 'W3C trace context.' },
  },
};

function channelId(topic: TopicDefinition): string {
  return topic.name.replace(/^tenantry\./, '').replace(/[^a-zA-Z0-9]+/g, '-');
}

export function buildAsyncApiDocument(version: string): Record<string, unknown> {
  const topics = Object.values(TOPICS) as TopicDefinition[];
  const definitions = Object.values(EVENT_CATALOGUE) as unknown as EventDefinition<object>[];
  const schemas: Record<string, JsonSchema> = {};
  const ref = (cls: new () => object) => `#/components/schemas/${cls.name}`;
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};

  for (const definition of definitions) {
    for (const cls of reachableClasses(definition.payload)) schemas[cls.name] = toJsonSchema(cls, ref);
    messages[definition.type] = {
      name: definition.type,
      title: definition.type,
      summary: definition.summary,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/CloudEventHeaders' },
      payload: { $ref: ref(definition.payload) },
      bindings: { kafka: { key: { type: 'string', description: 'The tenant id (or the entity id for platform-wide events).' } } },
      'x-schema-version': definition.version,
      'x-producer': definition.producer,
    };
  }
  schemas['CloudEventHeaders'] = HEADERS_SCHEMA;

  for (const topic of topics) {
    const id = channelId(topic);
    const onTopic = definitions.filter((d) => d.topic === topic.name);
    channels[id] = {
      address: topic.name,
      description: topic.description,
      messages: Object.fromEntries(onTopic.map((d) => [d.type, { $ref: `#/components/messages/${d.type}` }])),
      bindings: { kafka: { partitions: topic.partitions, topicConfiguration: { 'retention.ms': topic.retentionMs } } },
    };
    const producers = [...new Set(onTopic.map((d) => d.producer))];
    operations[`publish-${id}`] = {
      action: 'send',
      summary: `Published by ${producers.join(', ')}.`,
      channel: { $ref: `#/channels/${id}` },
      messages: onTopic.map((d) => ({ $ref: `#/channels/${id}/messages/${d.type}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Tenantry events',
      version,
      description:
        'Every event the Tenantry services publish. Dead letters of consumer group G go to ' +
        `tenantry.dlq.G (retention ${DEAD_LETTER_RETENTION_MS / 86_400_000} days) with the error in the dlq_error header and the original headers kept.`,
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'The local single-node broker started by npm start.' },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}
