import type { LandingMessages } from './en';

/** Nederlands voor de startpagina (zie landing.en.ts). */
export const landingNl: LandingMessages = {
  landing: {
    lead: 'Coalesce is een gedeelde online werkplek voor een netwerk van organisaties en mensen die samen aan één doel werken — een “leerecosysteem” van scholen, clubs, jeugdwerk, gemeenten en burgers.',
    whatTitle: 'Wat je doet in Coalesce',
    features: {
      vision: {
        title: 'Schrijf samen de visie',
        text: 'Iedereen werkt tegelijk in dezelfde tekst. Geef een versie een naam als jullie het eens zijn.',
      },
      decide: {
        title: 'Beslis wie erbij komt',
        text: 'Stel een nieuwe partner voor en beslis bij consensus, met een gewogen stemming of na overleg, volgens regels die je per fase kiest.',
      },
      experiments: {
        title: 'Probeer en leer',
        text: 'Volg jullie experimenten op een gedeeld bord en schrijf op wat jullie eruit leren.',
      },
      network: {
        title: 'Zie en laat het netwerk groeien',
        text: 'Een kaart toont wie met wie samenwerkt en hoe dat veranderde; makelaars stellen voor wie elkaar moet leren kennen.',
      },
    },
    stagesIntro:
      'Een netwerk gaat door vier fasen. Coalesce houdt bij in welke fase jullie zitten en past de manier van beslissen daaraan aan.',
    startTitle: 'Aan de slag',
    startText:
      'Maak een account, start een netwerk of aanvaard de uitnodiging die een coördinator je stuurde.',
    toNetworks: 'Naar je netwerken',
  },
  home: {
    title: 'Bouw samen aan je leerecosysteem',
    stagesTitle: 'De vier ontwikkelingsfasen',
  },
};
