# Chaînes d'interface du thème par défaut, en français.
skip-link = Aller au contenu principal
menu = Menu
main-navigation = Principale
language-switcher = Langue
feed-title = { $site } : modifications récentes
verify-site = Vérifier ce site
contact = Contact :
contact-page = Page de contact
recent-changes = Modifications récentes (flux Atom)
printed-from = Imprimé depuis { $url } — les adresses entre crochets sont sur ce site.
published-by = Publié par { $organisation }. Ce site est signé : chaque fichier peut être vérifié avec la signature publiée.
published = Publié le
last-updated = Mis à jour le
on-this-page = Sur cette page
in-this-section = Dans cette section
updated = mis à jour le
everything-in-hub = Tout le contenu de ce centre
nothing-published = Rien n'a encore été publié dans cette section.
link-to-section = Lien vers cette section
responses = { $count ->
    [one] { $count } réponse
   *[other] { $count } réponses
}
stale-translation = L'original de cette page a changé depuis sa traduction ({ $changed }). Cette traduction n'est peut-être plus à jour : lisez l'original actuel.
survey-what-is-collected = Ce qui est recueilli
survey-required = (obligatoire)
survey-submit = Envoyer et enregistrer ma réponse
survey-save-again = Enregistrer à nouveau le fichier de réponse
survey-new-response = Commencer une nouvelle réponse
survey-open-dates = Ouverte du { $opens } au { $closes }.
