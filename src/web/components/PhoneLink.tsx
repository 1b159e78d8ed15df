import { Anchor, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** `tel:` needs digits only: "(555) 555-0142" dials as tel:5555550142. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

interface PhoneLinkProps extends AnchorProps {
  phone: string;
  /** Trans passes the translated text here; without it the number itself is shown. */
  children?: ReactNode;
}

/** A phone number that dials when tapped on a phone. */
export function PhoneLink({ phone, children, ...props }: PhoneLinkProps) {
  return (
    <Anchor href={telHref(phone)} {...props}>
      {children ?? phone}
    </Anchor>
  );
}
