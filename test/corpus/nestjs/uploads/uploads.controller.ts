import {
  BadRequestException,
  Controller,
  ParseFilePipe,
  MaxFileSizeValidator,
  Post,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { CurrentUser, type AuthUser } from '../auth/current-user.decorator';
import { StorageService } from '../storage/storage.service';

@Controller('uploads')
@UseGuards(JwtAuthGuard)
export class UploadsController {
  constructor(private readonly storage: StorageService) {}

  // The buffer is forwarded to object storage; nothing is written to local disk.
  @Post('avatar')
  @UseInterceptors(FileInterceptor('file', { storage: memoryStorage() }))
  async uploadAvatar(
    @CurrentUser() user: AuthUser,
    @UploadedFile(new ParseFilePipe({ validators: [new MaxFileSizeValidator({ maxSize: 2_000_000 })] }))
    file: Express.Multer.File,
  ) {
    if (!file.mimetype.startsWith('image/')) {
      throw new BadRequestException('avatar must be an image');
    }
    const key = await this.storage.put(`avatars/${user.id}`, file.buffer, file.mimetype);
    return { key };
  }
}
