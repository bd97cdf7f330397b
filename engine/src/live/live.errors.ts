import { defineErrors } from '../errors/error-catalog';

/** Error codes of the live (socket.io) layer, answered in acks or `live:refused` events. */
export enum LiveErrorCode {
  RateLimited = 'live.rate_limited',
  UnknownEvent = 'live.unknown_event',
  PayloadTooLarge = 'live.payload_too_large',
  TooManyWatches = 'live.too_many_watches',
  TooManyConnections = 'live.too_many_connections',
  Disconnected = 'live.disconnected',
  CoolingDown = 'live.cooling_down',
}

/** Status and French / English messages of each {@link LiveErrorCode}. */
export const LIVE_ERRORS = defineErrors({
  [LiveErrorCode.RateLimited]: {
    status: 429,
    fr: 'Trop d’événements ({limit} par seconde) : réessayez dans {retryAfter} s',
    en: 'Too many events ({limit} per second): try again in {retryAfter} s',
  },
  [LiveErrorCode.UnknownEvent]: {
    status: 400,
    fr: 'Événement inconnu ou mal formé : {event}',
    en: 'Unknown or malformed event: {event}',
  },
  [LiveErrorCode.PayloadTooLarge]: {
    status: 413,
    fr: 'Le contenu de « {event} » dépasse {max} octets',
    en: 'The payload of "{event}" exceeds {max} bytes',
  },
  [LiveErrorCode.TooManyWatches]: {
    status: 429,
    fr: 'Vous suivez déjà {max} scrutins sur cette connexion : cessez d’en suivre un d’abord',
    en: 'This connection already watches {max} ballots: unwatch one first',
  },
  [LiveErrorCode.TooManyConnections]: {
    status: 429,
    fr: 'Trop de connexions depuis votre adresse ({max} au plus)',
    en: 'Too many connections from your address ({max} at most)',
  },
  [LiveErrorCode.Disconnected]: {
    status: 429,
    fr: 'Connexion fermée : trop d’événements refusés ({max})',
    en: 'Connection closed: too many refused events ({max})',
  },
  [LiveErrorCode.CoolingDown]: {
    status: 429,
    fr: 'Connexion refusée après des abus récents : réessayez dans {retryAfter} s',
    en: 'Connection refused after recent abuse: try again in {retryAfter} s',
  },
});
