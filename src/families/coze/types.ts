/** Coze v3 wire types, generated from specs/coze.yaml. */
import type { components } from '../../../generated/coze/schema';

type Schemas = components['schemas'];
export type CozeRequest = Schemas['ChatRequest'];
export type CozeEnterMessage = Schemas['EnterMessage'];
export type CozeObjectStringItem = Schemas['ObjectStringItem'];
export type CozeMessage = Schemas['Message'];
export type CozeChat = Schemas['Chat'];
export type CozeChatUsage = Schemas['ChatUsage'];
export type CozeEventType = Schemas['ChatEventType'];
export type CozeError = Schemas['ErrorResponse'];
