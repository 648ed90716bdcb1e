// Phrase banks for sample tweets about Madrid's low-emission zone (#ZonaBajasEmisiones / #LowEmissionZone), in English and Spanish.

export type Sentiment = 'positive' | 'negative' | 'neutral';

export const PHRASES: Readonly<Record<'en' | 'es', Readonly<Record<Sentiment, readonly string[]>>>> = {
  en: {
    positive: [
      'Walked to work today and the air actually smells clean. The low emission zone is working',
      'Love how quiet the centre is since the new zone started, my kids can cycle to school safely',
      'Asthma attacks down this winter. Thank you to whoever pushed the low emission zone through',
      'Buses are faster now that traffic is lighter, best commute in years',
      'Finally a city that puts lungs before cars. Proud of Madrid today',
      'Switched to an e-bike because of the zone and honestly I should have done it years ago',
    ],
    negative: [
      'So now I need a new car I cannot afford just to visit my mother in the centre. Unbelievable',
      'Got a 200 euro fine for a car that passed inspection last month. This zone is a cash grab',
      'Small shops in the centre are dying and nobody at city hall cares',
      'The low emission zone just pushes traffic to the ring road, my street is a parking lot now',
      'Public transport is not ready for this, the metro was packed and 20 minutes late again',
      'Another rule written for people who can afford electric cars. Workers pay, as always',
    ],
    neutral: [
      'Reminder: the low emission zone rules change on Monday, check your environmental label',
      'Does anyone know if delivery vans with a C label can still enter before 10am?',
      'City council publishes the first six months of air quality data for the zone tomorrow',
      'Map of the new low emission zone boundaries, effective from January 1st',
      'How do I register a visitor plate for the zone? The website keeps timing out',
      'Debate on the low emission zone tonight at 8pm on channel 2',
    ],
  },
  es: {
    positive: [
      'Hoy he ido andando al trabajo y por fin se respira en el centro. La zona de bajas emisiones funciona',
      'Qué gusto da el silencio en las calles desde que empezó la ZBE, mis hijos van en bici al cole',
      'Menos crisis de asma este invierno. Gracias a quien sacó adelante la zona de bajas emisiones',
      'El autobús va mucho más rápido con menos coches, el mejor trayecto en años',
      'Por fin una ciudad que pone los pulmones por delante de los coches. Orgulloso de Madrid',
      'Me pasé a la bici eléctrica por la zona y la verdad es que tenía que haberlo hecho antes',
    ],
    negative: [
      'Ahora resulta que necesito un coche nuevo que no puedo pagar para visitar a mi madre en el centro. Increíble',
      'Multa de 200 euros por un coche que pasó la ITV el mes pasado. Esta zona es puro afán recaudatorio',
      'Los pequeños comercios del centro se mueren y al ayuntamiento le da igual',
      'La ZBE solo manda el tráfico a la M-30, mi calle es ahora un aparcamiento',
      'El transporte público no está preparado, el metro iba lleno y con 20 minutos de retraso otra vez',
      'Otra norma pensada para quien puede pagarse un eléctrico. Pagan los trabajadores, como siempre',
    ],
    neutral: [
      'Recordatorio: las normas de la zona de bajas emisiones cambian el lunes, revisa tu etiqueta ambiental',
      '¿Alguien sabe si las furgonetas de reparto con etiqueta C pueden entrar antes de las 10?',
      'El ayuntamiento publica mañana los datos de calidad del aire de los primeros seis meses de la zona',
      'Mapa de los nuevos límites de la zona de bajas emisiones, en vigor desde el 1 de enero',
      '¿Cómo se registra una matrícula de visitante para la ZBE? La web no deja de dar error',
      'Debate sobre la zona de bajas emisiones esta noche a las 20:00 en La 2',
    ],
  },
};

export const EMOJI: Readonly<Record<Sentiment, readonly string[]>> = {
  positive: ['🌳', '😍', '🚲', '💚', '👏', '😊', '🌞'],
  negative: ['😡', '🤬', '👎', '😤', '💸', '🙄', '😩'],
  neutral: ['ℹ️', '📍', '🗺️', '🤔', '📅', '🚦', ''],
};

export const HASHTAGS: Readonly<Record<'en' | 'es', readonly string[]>> = {
  en: ['LowEmissionZone', 'Madrid', 'AirQuality', 'CleanAir', 'Traffic'],
  es: ['ZonaBajasEmisiones', 'Madrid', 'ZBE', 'CalidadDelAire', 'MadridCentral'],
};

export const HANDLES: readonly string[] = [
  'lucia_mad',
  'carlos.r',
  'ana_bici',
  'pedro_taxista',
  'madrid_vecinos',
  'jorge_m30',
  'elena_verde',
  'commuter_jo',
  'sam_in_madrid',
  'maria_comercio',
  'dani_runner',
  'expat_tom',
  'la_abuela_rosa',
  'fleet_ops_es',
];
