import { badRequest } from '../../core/errors';
import { parseDataUrl } from '../../core/image-data';

/**
 * An Ollama image (base64, no prefix) as the data URL chat APIs take, with the media type read
 * from the bytes (png, jpeg, gif, webp). A client that already sent a data URL keeps its own.
 */
export function imageDataUrl(image: string): string {
  const inline = parseDataUrl(image.startsWith('data:') ? image : `data:;base64,${image}`);
  if (!inline) throw badRequest('An image is neither base64 data nor a data URL.', null, 'invalid_image');
  return `data:${inline.mediaType};base64,${inline.data}`;
}
