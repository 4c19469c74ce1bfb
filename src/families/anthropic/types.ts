/** Messages API shapes, as generated from specs/anthropic.yaml. */
import type { components } from '../../../generated/anthropic/schema';

type Schemas = components['schemas'];
export type MessagesRequest = Schemas['CreateMessageParams'];
export type InputMessage = Schemas['InputMessage'];
export type InputContentBlock = Schemas['InputContentBlock'];
export type TextBlock = Schemas['RequestTextBlock'];
export type AnthropicTool = Schemas['Tool'];
export type AnthropicToolChoice = Schemas['ToolChoice'];
export type MessagesResponse = Schemas['Message'];
export type StopReason = Schemas['StopReason'];
export type StreamEvent = Schemas['MessageStreamEvent'];
export type ErrorType = Schemas['ErrorType'];
