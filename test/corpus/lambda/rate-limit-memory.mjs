import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

const ses = new SESv2Client({});

const contactLimiter = new RateLimiterMemory({ points: 3, duration: 3600 });

export const handler = async (event) => {
  const ip = event.requestContext.http.sourceIp;
  try {
    await contactLimiter.consume(ip);
  } catch {
    return { statusCode: 429, body: JSON.stringify({ message: 'Please try again later.' }) };
  }

  const { name, email, message } = JSON.parse(event.body ?? '{}');
  if (!email || !message) {
    return { statusCode: 400, body: JSON.stringify({ message: 'email and message are required' }) };
  }
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: process.env.FROM_ADDRESS,
      Destination: { ToAddresses: [process.env.SUPPORT_ADDRESS] },
      ReplyToAddresses: [email],
      Content: {
        Simple: {
          Subject: { Data: `Contact form: ${name ?? 'anonymous'}` },
          Body: { Text: { Data: message } },
        },
      },
    })
  );
  return { statusCode: 202, body: JSON.stringify({ received: true }) };
};
