import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { sendReceiptEmail } from './email.js';

const logger = new Logger({ serviceName: 'receipts' });
let coldStart = true;

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  logger.info('batch received', { records: event.Records.length, coldStart });
  coldStart = false;

  const failures: SQSBatchResponse['batchItemFailures'] = [];
  const seen = new Set<string>();
  for (const record of event.Records) {
    const { orderId, email } = JSON.parse(record.body) as { orderId: string; email: string };
    if (seen.has(orderId)) continue;
    seen.add(orderId);
    try {
      await sendReceiptEmail(orderId, email);
    } catch (err) {
      logger.error('receipt failed', { orderId, err: err as Error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
};
