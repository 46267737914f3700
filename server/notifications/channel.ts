/**
 * Outbound channels (SMS, WeChat…) behind one interface, so a real provider plugs in without
 * changing any caller. The default writes each message to the structured log.
 */
export interface OutboundMessage {
  accountId: number;
  mobile: string | null;
  title: string;
  body: string;
}

export interface OutboundChannel {
  readonly name: string;
  send(message: OutboundMessage): Promise<void>;
}

export class LoggingChannel implements OutboundChannel {
  readonly name = 'log';
  readonly sent: OutboundMessage[] = [];
  constructor(private readonly log: (obj: object, msg: string) => void = (obj, msg) => console.log(JSON.stringify({ msg, ...obj }))) {}
  async send(message: OutboundMessage): Promise<void> {
    this.sent.push(message);
    if (this.sent.length > 1000) this.sent.shift();
    this.log(
      {
        channel: this.name,
        to: message.accountId,
        mobile: message.mobile ? `${message.mobile.slice(0, 3)}****${message.mobile.slice(-4)}` : null,
        title: message.title,
      },
      '外发通知（日志通道）',
    );
  }
}
