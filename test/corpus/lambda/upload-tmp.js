const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');

const ddb = new DynamoDBClient({});
const UPLOAD_DIR = '/tmp/uploads';

exports.handler = async (event) => {
  const userId = event.requestContext.authorizer.claims.sub;
  const body = Buffer.from(event.body || '', event.isBase64Encoded ? 'base64' : 'utf8');
  if (body.length === 0) {
    return { statusCode: 400, body: JSON.stringify({ message: 'empty upload' }) };
  }

  fs.mkdirSync(UPLOAD_DIR, { recursive: true });
  const fileId = crypto.randomUUID();
  const filePath = path.join(UPLOAD_DIR, `${fileId}.pdf`);
  fs.writeFileSync(filePath, body);

  await ddb.send(
    new PutItemCommand({
      TableName: process.env.FILES_TABLE,
      Item: { fileId: { S: fileId }, ownerId: { S: userId }, path: { S: filePath } },
    })
  );
  return { statusCode: 201, body: JSON.stringify({ fileId }) };
};
