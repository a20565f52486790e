import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2 } from 'aws-lambda';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { randomUUID } from 'node:crypto';

const s3 = new S3Client({});
const BUCKET = process.env.UPLOAD_BUCKET!;
const ALLOWED_TYPES = new Set(['image/png', 'image/jpeg', 'application/pdf']);

// The browser uploads straight to S3; this function only signs the request.
export const handler = async (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<APIGatewayProxyResultV2> => {
  const userId = event.requestContext.authorizer.jwt.claims.sub as string;
  const { contentType } = JSON.parse(event.body ?? '{}') as { contentType?: string };
  if (!contentType || !ALLOWED_TYPES.has(contentType)) {
    return { statusCode: 400, body: JSON.stringify({ message: 'unsupported content type' }) };
  }
  const key = `uploads/${userId}/${randomUUID()}`;
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: contentType }), {
    expiresIn: 300,
  });
  return { statusCode: 200, body: JSON.stringify({ url, key }) };
};
