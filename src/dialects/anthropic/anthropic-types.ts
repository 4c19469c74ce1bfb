/** The Messages API as a client speaks it to the proxy, as generated from specs/anthropic.yaml. */
import type { components } from '../../../generated/anthropic/schema';

type Schemas = components['schemas'];
export type MessagesRequest = Schemas['CreateMessageParams'];
export type CountTokensRequest = Schemas['CountMessageTokensParams'];
export type CountTokensResponse = Schemas['CountMessageTokensResponse'];
export type InputMessage = Schemas['InputMessage'];
export type InputContentBlock = Schemas['InputContentBlock'];
export type ToolResultBlock = Schemas['RequestToolResultBlock'];
export type DocumentBlock = Schemas['RequestDocumentBlock'];
export type ToolUnion = Schemas['ToolUnion'];
export type ToolChoice = Schemas['ToolChoice'];
export type ThinkingConfig = Schemas['ThinkingConfigParam'];
export type Effort = NonNullable<NonNullable<Schemas['OutputConfig']['effort']>>;
export type Message = Schemas['Message'];
export type ContentBlock = Schemas['ContentBlock'];
export type StopReason = NonNullable<Schemas['StopReason']>;
export type AnthropicUsage = Schemas['Usage'];
export type StreamEvent = Schemas['MessageStreamEvent'];
export type ErrorBody = Schemas['ErrorResponse'];
