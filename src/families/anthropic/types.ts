/** Messages API shapes, as generated from specs/anthropic.yaml. */
import type { components } from '../../../generated/anthropic/schema';

type Schemas = components['schemas'];
export type MessagesRequest = Schemas['CreateMessageParams'];
export type InputMessage = Schemas['InputMessage'];
export type InputContentBlock = Schemas['InputContentBlock'];
export type TextBlock = Schemas['RequestTextBlock'];
export type ImageBlock = Schemas['RequestImageBlock'];
export type ToolResultBlock = Schemas['RequestToolResultBlock'];
export type AnthropicTool = Schemas['Tool'];
export type AnthropicToolChoice = Schemas['ToolChoice'];
export type MessagesResponse = Schemas['Message'];
export type ContentBlock = Schemas['ContentBlock'];
export type StopReason = Schemas['StopReason'];
export type AnthropicUsage = Schemas['Usage'];
export type StreamEvent = Schemas['MessageStreamEvent'];
export type AnthropicError = Schemas['ErrorResponse'];
