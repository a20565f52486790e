const { S3Client, GetObjectCommand, PutObjectCommand } = require('@aws-sdk/client-s3');
const { createWriteStream } = require('node:fs');
const fs = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const sharp = require('sharp');

const s3 = new S3Client({});
const SIZES = [128, 512];

// Triggered by S3 uploads. /tmp contains the original only while it is resized.
exports.handler = async (event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'thumb-'));
    const original = path.join(workDir, 'original');

    try {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      await pipeline(Body, createWriteStream(original));

      for (const size of SIZES) {
        const resized = await sharp(original)
          .resize(size, size, { fit: 'cover' })
          .webp({ quality: 80 })
          .toBuffer();
        await s3.send(
          new PutObjectCommand({
            Bucket: process.env.THUMBNAIL_BUCKET,
            Key: `${size}/${key}.webp`,
            Body: resized,
            ContentType: 'image/webp',
          }),
        );
      }
    } finally {
      await fs.rm(workDir, { recursive: true, force: true });
    }
  }
};
