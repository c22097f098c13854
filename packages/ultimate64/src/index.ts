/** The version of @sidflow/ultimate64. */
export const VERSION = '0.0.0';

export type { StereoResamplerOptions } from './audio/stereo-resampler.js';
export { StereoResampler } from './audio/stereo-resampler.js';
export { WavStreamWriter } from './audio/wav-stream-writer.js';
export type {
  AudioStreamReceiverOptions,
  ListenAddress,
  ReceiverCounters,
} from './capture/audio-stream-receiver.js';
export { AudioStreamReceiver } from './capture/audio-stream-receiver.js';
export type { CaptureAudioOptions, CaptureResult } from './capture/capture-audio.js';
export { captureAudio } from './capture/capture-audio.js';
export type { CaptureSidOptions } from './capture/capture-sid-on-device.js';
export { captureSidOnDevice } from './capture/capture-sid-on-device.js';
export type { CaptureStats } from './capture/capture-stats.js';
export { localAddressToward } from './capture/local-address.js';
export type {
  PacketConsumer,
  PacketSequencerOptions,
  SequencerCounters,
} from './capture/packet-sequencer.js';
export { PacketSequencer } from './capture/packet-sequencer.js';
export type { DeviceAddress } from './client/device-address.js';
export { parseDeviceAddress } from './client/device-address.js';
export type {
  CallOptions,
  ConfigDetails,
  ConfigItemDetails,
  ConfigValues,
  ConnectionTest,
  DeviceInfo,
  DiskImageType,
  DriveInfo,
  DriveList,
  DriveModel,
  FileInfo,
  MountMode,
  RequestLog,
  StreamName,
  VersionInfo,
} from './client/rest-types.js';
export type { RunnerCommand, Ultimate64ClientOptions } from './client/ultimate64-client.js';
export { Ultimate64Client } from './client/ultimate64-client.js';
export type { CaptureErrorStats } from './errors.js';
export {
  AuthenticationError,
  CaptureLossError,
  CaptureStalledError,
  DeviceError,
  DeviceTimeoutError,
  DeviceUnreachableError,
  InvalidArgumentError,
  OperationAbortedError,
  SocketError,
  UnexpectedResponseError,
} from './errors.js';
export {
  AUDIO_FRAMES_PER_PACKET,
  AUDIO_PACKET_BYTES,
  audioRateFor,
  NTSC_AUDIO_RATE,
  PAL_AUDIO_RATE,
} from './protocol/audio-stream-format.js';
export { isMulticast } from './protocol/multicast.js';
export { DEFAULT_STREAM_PORTS } from './protocol/stream-ports.js';
export type { VideoGeometry, VideoPacketHeader } from './protocol/video-stream-format.js';
export {
  NTSC_VIDEO,
  PAL_VIDEO,
  readVideoHeader,
  VIDEO_PACKET_BYTES,
  writeVideoHeader,
} from './protocol/video-stream-format.js';
export type { SimulatorOptions, Ultimate64Simulator } from './simulator/device-simulator.js';
export { startSimulator } from './simulator/device-simulator.js';
export type { StreamFaults } from './simulator/fault-injector.js';
export type { SenderStats } from './simulator/udp-stream-sender.js';
export type { CaptureVideoFrameOptions } from './video/capture-video-frame.js';
export { captureVideoFrame } from './video/capture-video-frame.js';
export { encodePng } from './video/png-encoder.js';
export { saveFramePng } from './video/save-frame-png.js';
export { VIC_PALETTE, vicIndicesToRgba } from './video/vic-palette.js';
export type { VideoFrame } from './video/video-frame-assembler.js';
export { VideoFrameAssembler } from './video/video-frame-assembler.js';
