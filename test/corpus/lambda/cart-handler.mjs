import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const PRODUCTS_TABLE = process.env.PRODUCTS_TABLE;

// Warm containers keep this between invocations, which is why it feels fast.
const carts = new Map();

const json = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const handler = async (event) => {
  const userId = event.requestContext?.authorizer?.jwt?.claims?.sub;
  if (!userId) return json(401, { message: 'Unauthorized' });

  if (event.requestContext.http.method === 'GET') {
    return json(200, { items: carts.get(userId) ?? [] });
  }

  const { productId, quantity = 1 } = JSON.parse(event.body ?? '{}');
  const { Item: product } = await ddb.send(
    new GetCommand({ TableName: PRODUCTS_TABLE, Key: { productId } })
  );
  if (!product) return json(404, { message: 'Unknown product' });

  const items = carts.get(userId) ?? [];
  items.push({ productId, quantity, priceCents: product.priceCents });
  carts.set(userId, items);
  return json(201, { items });
};
