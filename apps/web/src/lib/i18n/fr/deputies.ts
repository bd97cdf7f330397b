/** The volunteer → sortition → deputy journey: candidacy, certification, the draw's steps, instructions. */
export const deputies = {
  'confirm.cancel': 'Annuler',

  'candidacy.title': 'Ma candidature de député·e',
  'candidacy.intro':
    'Les député·es sont des volontaires formé·es et certifié·es, puis tiré·es au sort ; ils et elles votent comme les membres le leur prescrivent.',
  'candidacy.state': 'Où en est ma candidature :',
  'candidacy.status.none': 'Vous n’êtes pas candidat·e.',
  'candidacy.status.volunteered': 'Volontaire depuis le {date} : en attente de certification.',
  'candidacy.status.certified': 'Certifié·e : vous entrerez dans le prochain vivier.',
  'candidacy.status.in_pool': 'Dans le vivier gelé le {date} : en attente du tirage au sort.',
  'candidacy.status.seated': 'Tiré·e au sort : député·e en fonction depuis le {date}.',
  'candidacy.status.withdrawn': 'Candidature retirée le {date}.',
  'candidacy.certification': 'Certification du {date} — formation : {training}',
  'candidacy.statement': 'Votre présentation (facultative)',
  'candidacy.volunteer': 'Me porter volontaire',
  'candidacy.volunteerAgain': 'Me porter à nouveau volontaire',
  'candidacy.withdraw': 'Retirer ma candidature',
  'candidacy.withdrawTitle': 'Retirer votre candidature ?',
  'candidacy.withdrawBody':
    'Vous ne ferez plus partie des prochains viviers. Vous pourrez vous porter à nouveau volontaire plus tard.',

  'mandates.title': 'Mandats, en cours et passés',
  'mandates.none': 'Aucun mandat pour l’instant.',
  'mandates.start': 'Début',
  'mandates.end': 'Fin',
  'mandates.state': 'État',
  'mandates.seat.seated': 'en fonction',
  'mandates.seat.resigned': 'démission',
  'mandates.seat.ended': 'terminé (nouveau tirage)',

  'instruction.bill': 'Lire le texte',
  'instruction.ballot': 'Voir le scrutin et son résultat',
  'instruction.download': 'Télécharger l’instruction signée (.jws)',
  'instruction.verifyHint': 'Pour la vérifier hors ligne, avec la clé publique de la collectivité :',

  'draw.current': 'Tirage en cours',
  'draw.resume':
    'L’état du tirage est conservé par le serveur : vous pouvez quitter cette page et revenir plus tard (par exemple après le tirage public du vendredi).',
  'draw.steps': 'Étapes du tirage',
  'draw.step.pool_frozen': 'Vivier gelé',
  'draw.step.seed_committed': 'Graine engagée',
  'draw.step.public_value_entered': 'Valeur publique saisie',
  'draw.step.drawn': 'Tiré au sort',
  'draw.stepDone': 'fait le {date}',
  'draw.stepPending': 'à venir',
  'draw.past': 'Dernier tirage',
  'draw.poolSize': '{count} volontaire(s) dans le vivier',
  'draw.certifiedWith': 'certifié·e le {date} — {training}',
  'draw.certifyLegend': 'Certifier {name}',
  'draw.certifiedOn': 'Date de la certification',
  'draw.training': 'Formation suivie (intitulé, description)',
  'draw.freezeTitle': 'Geler le vivier ?',
  'draw.freezeBody':
    'Les volontaires certifié·es d’aujourd’hui formeront le vivier de ce tirage ; il ne pourra plus changer.',
  'draw.commitTitle': 'Engager la graine ?',
  'draw.commitBody':
    'L’engagement et la source de la valeur publique « {source} » seront publiés et ne pourront plus être modifiés.',
  'draw.drawTitle': 'Tirer au sort ?',
  'draw.drawBody':
    'Le tirage avec la valeur publique « {value} » est définitif : les député·es en fonction laissent la place au panel tiré.',
  'draw.certifyTitle': 'Certifier {name} ?',
  'draw.certifyBody': 'La certification du {date} (formation : {training}) sera inscrite au registre public.',
  'draw.endMandate': 'Mettre fin au mandat',
  'draw.endMandateNamed': 'Mettre fin au mandat de {name}',
  'draw.endTitle': 'Mettre fin au mandat de {name} ?',
  'draw.endBody': 'Le mandat prend fin aujourd’hui et le prochain suppléant prend le siège. C’est définitif.',
} as const;
