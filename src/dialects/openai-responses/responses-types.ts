/** The Responses dialect's wire types, generated from specs/openai.yaml. */
import type { components } from '../../../generated/openai/schema';

type Schemas = components['schemas'];
export type ResponsesRequest = Schemas['CreateResponse'];
export type InputItem = Schemas['InputItem'];
export type InputContent = Schemas['InputContent'];
export type ToolCallOutput = Schemas['ToolCallOutput'];
export type ResponsesTool = Schemas['Tool'];
export type FunctionTool = Schemas['FunctionTool'];
export type CustomTool = Schemas['CustomToolParam'];
export type ResponseObject = Schemas['Response'];
export type OutputItem = Schemas['OutputItem'];
export type OutputMessage = Schemas['OutputMessage'];
export type FunctionCallItem = Schemas['FunctionToolCall'];
export type CustomToolCallItem = Schemas['CustomToolCall'];
export type ReasoningItem = Schemas['ReasoningItem'];
export type ResponseUsage = Schemas['ResponseUsage'];
export type ResponseStreamEvent = Schemas['ResponseStreamEvent'];
