import type { APIGatewayProxyWebsocketEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const TABLE = process.env.CONNECTIONS_TABLE!;

// Connection ids live in DynamoDB, so any invocation can reach any client.
export const handler = async (event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> => {
  const { connectionId, routeKey, domainName, stage } = event.requestContext;

  if (routeKey === '$connect') {
    await ddb.send(new PutCommand({ TableName: TABLE, Item: { room: 'lobby', connectionId } }));
    return { statusCode: 200 };
  }
  if (routeKey === '$disconnect') {
    await ddb.send(new DeleteCommand({ TableName: TABLE, Key: { room: 'lobby', connectionId } }));
    return { statusCode: 200 };
  }

  const api = new ApiGatewayManagementApiClient({ endpoint: `https://${domainName}/${stage}` });
  const { Items = [] } = await ddb.send(
    new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'room = :r', ExpressionAttributeValues: { ':r': 'lobby' } }),
  );
  await Promise.allSettled(
    Items.map((item) =>
      api.send(new PostToConnectionCommand({ ConnectionId: item.connectionId, Data: event.body ?? '' })),
    ),
  );
  return { statusCode: 200 };
};
