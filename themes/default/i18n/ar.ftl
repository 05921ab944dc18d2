# نصوص واجهة القالب الافتراضي باللغة العربية.
skip-link = انتقل إلى المحتوى الرئيسي
menu = القائمة
main-navigation = التنقل الرئيسي
language-switcher = اللغة
feed-title = { $site }: أحدث التغييرات
verify-site = تحقّق من هذا الموقع
contact = للتواصل:
contact-page = صفحة التواصل
recent-changes = أحدث التغييرات (موجز Atom)
printed-from = طُبع من { $url } — العناوين بين القوسين موجودة على هذا الموقع.
published-by = نشرته { $organisation }. هذا الموقع موقَّع: يمكن التحقق من كل ملف بالتوقيع المنشور.
published = نُشر في
last-updated = آخر تحديث في
on-this-page = في هذه الصفحة
in-this-section = في هذا القسم
updated = حُدّث في
everything-in-hub = كل ما في هذا المركز
nothing-published = لم يُنشر شيء في هذا القسم بعد.
link-to-section = رابط إلى هذا القسم
responses = { $count ->
    [zero] لا توجد ردود
    [one] ردّ واحد
    [two] ردّان
    [few] { $count } ردود
    [many] { $count } ردًّا
   *[other] { $count } ردّ
}
stale-translation = تغيّر النص الأصلي لهذه الصفحة بعد ترجمتها ({ $changed }). قد تكون هذه الترجمة قديمة: اقرأ النص الأصلي الحالي.
survey-what-is-collected = ما الذي يُجمع
survey-required = (إلزامي)
survey-submit = أرسل إجابتي واحفظها
survey-save-again = احفظ ملف الإجابة مرة أخرى
survey-new-response = ابدأ إجابة جديدة
survey-open-dates = مفتوح من { $opens } إلى { $closes }.
survey-hint-single = اختر إجابة واحدة.
survey-hint-choose-exactly = { $count ->
    [one] اختر إجابة واحدة.
    [two] اختر إجابتين.
    [few] اختر { $count } إجابات.
   *[other] اختر { $count } إجابة.
}
survey-hint-choose-range = اختر من { $min } إلى { $max } إجابات.
survey-hint-choose-at-least = اختر { $min } على الأقل.
survey-hint-choose-up-to = اختر { $max } على الأكثر.
survey-hint-choose-any = اختر كل ما ينطبق.
survey-hint-scale = اختر درجة واحدة من { $min } إلى { $max }.
survey-hint-number = عدد.
survey-hint-number-range = عدد من { $min } إلى { $max }.
survey-hint-number-at-least = عدد لا يقل عن { $min }.
survey-hint-number-at-most = عدد لا يزيد على { $max }.
survey-hint-whole = عدد صحيح.
survey-hint-whole-range = عدد صحيح من { $min } إلى { $max }.
survey-hint-whole-at-least = عدد صحيح لا يقل عن { $min }.
survey-hint-whole-at-most = عدد صحيح لا يزيد على { $max }.
survey-hint-text = { $max ->
    [few] حتى { $max } أحرف.
   *[other] حتى { $max } حرف.
}
survey-rule-answered = أجب فقط إذا كنت قد أجبت عن السؤال { $number }.
survey-rule-chose = أجب فقط إذا اخترت { $choices } في السؤال { $number }.
survey-rule-choice = «{ $label }»
survey-rule-either = { $first } أو { $second }
survey-error-required = أجب عن هذا السؤال؛ فهو إلزامي.
survey-error-not-a-number = أدخل عددًا بالأرقام.
survey-error-not-whole = أدخل عددًا صحيحًا.
survey-error-too-large = أدخل عددًا أصغر.
survey-error-number-range = أدخل عددًا من { $min } إلى { $max }.
survey-error-number-at-least = أدخل عددًا لا يقل عن { $min }.
survey-error-number-at-most = أدخل عددًا لا يزيد على { $max }.
survey-error-too-few = اختر { $min } على الأقل (اخترت { $count }).
survey-error-too-many = اختر { $max } على الأكثر (اخترت { $count }).
survey-error-exclusive = لا يمكن اختيار «{ $label }» مع إجابات أخرى.
survey-error-too-long = { $count ->
    [zero] استخدم { $max } حرفًا على الأكثر (لم تكتب شيئًا).
    [one] استخدم { $max } حرفًا على الأكثر (كتبت حرفًا واحدًا).
    [two] استخدم { $max } حرفًا على الأكثر (كتبت حرفين).
    [few] استخدم { $max } حرفًا على الأكثر (كتبت { $count } أحرف).
   *[other] استخدم { $max } حرفًا على الأكثر (كتبت { $count } حرفًا).
}
survey-errors-heading = { $count ->
    [zero] لا مشكلة في إجابتك
    [one] في إجابتك مشكلة واحدة
    [two] في إجابتك مشكلتان
    [few] في إجابتك { $count } مشكلات
    [many] في إجابتك { $count } مشكلة
   *[other] في إجابتك { $count } مشكلة
}
survey-question = السؤال { $number }
survey-problem = { $question }: { $message }
survey-error-outside-dates = يقبل هذا الاستطلاع الردود من { $opens } إلى { $closes } فقط؛ لم تُحفظ إجاباتك.
survey-error-no-random = لا يستطيع هذا المتصفح إنشاء رقم عشوائي للرد، لذا لا يمكن إنشاء ملف الرد. يُرجى استخدام متصفح آخر أو الاستبيان الورقي.
survey-error-cannot-encrypt = لا تستطيع هذه الصفحة تشفير ردك، لذا لم يُحفظ شيء. افتح الاستطلاع على عنوانه https://، أو احفظ النموذج غير المتصل على جهازك وافتحه من هناك، أو استخدم الاستبيان الورقي.
survey-saved = شكرًا لك. حُفظ ردك في الملف { $file }. يُرجى تسليم هذا الملف إلى فريق الاستطلاع.
survey-sending = جارٍ إرسال ردك…
survey-sent = شكرًا لك. أُرسل ردك إلى فريق الاستطلاع. يمكنك أيضًا حفظ نسخة منه في ملف.
survey-conflict = تعذّر إرسال ردك: يوجد رد آخر محفوظ بالرقم نفسه. حُفظ ردك بدلًا من ذلك في الملف { $file }. يُرجى تسليم هذا الملف إلى فريق الاستطلاع.
survey-refused = تعذّر إرسال ردك، لذا حُفظ في الملف { $file }. يُرجى تسليم هذا الملف إلى فريق الاستطلاع.
survey-refused-because = تعذّر إرسال ردك ({ $reason })، لذا حُفظ في الملف { $file }. يُرجى تسليم هذا الملف إلى فريق الاستطلاع.
survey-queued = تعذّر إرسال ردك حتى الآن. إنه محفوظ على هذا الجهاز وسيُرسل عند عودة الاتصال. وحُفظت أيضًا نسخة منه في الملف { $file }.
survey-not-sent = تعذّر إرسال ردك، لذا حُفظ في الملف { $file }. يُرجى تسليم هذا الملف إلى فريق الاستطلاع.
survey-waiting = { $count ->
    [one] ينتظر رد واحد على هذا الجهاز ليُرسل.
    [two] ينتظر ردان على هذا الجهاز ليُرسلا.
    [few] تنتظر { $count } ردود على هذا الجهاز لتُرسل.
   *[other] ينتظر { $count } ردًا على هذا الجهاز ليُرسل.
}
survey-queued-sent = أُرسل رد محفوظ ({ $file }).
survey-queued-conflict = لم يُرسل رد محفوظ ({ $file }): يوجد رد آخر محفوظ بالرقم نفسه. يُرجى تسليم ملفه إلى فريق الاستطلاع.
survey-queued-refused = رُفض رد محفوظ ({ $file }). يُرجى تسليم ملفه إلى فريق الاستطلاع.
survey-queued-refused-because = رُفض رد محفوظ ({ $file }) ({ $reason }). يُرجى تسليم ملفه إلى فريق الاستطلاع.
escalation-routes = المسارات بالترتيب
escalation-step = الخطوة { $number }
escalation-can = يستطيعون
escalation-cannot = لا يستطيعون
escalation-timeframe = المدة
escalation-who-knows = من سيعلم
escalation-how-to-start = كيف تبدأ
surveys-title = الاستطلاعات
surveys-intro = تسأل استطلاعات مستقلة من يتعاملون مع موظفي { $organisation } عن الطريقة التي عوملوا بها. الإجابات مجهولة الهوية: لا يطلب أي نموذج ولا يسجّل شيئًا يكشف هويتك، ولا تُنشر النتائج إلا في صورة مجاميع.
surveys-intro-no-organisation = تسأل استطلاعات مستقلة من يتعاملون مع موظفي المنظمة عن الطريقة التي عوملوا بها. الإجابات مجهولة الهوية: لا يطلب أي نموذج ولا يسجّل شيئًا يكشف هويتك، ولا تُنشر النتائج إلا في صورة مجاميع.
surveys-open = مفتوحة الآن
surveys-open-until = مفتوح حتى { $closes }
surveys-questions = { $count ->
    [zero] لا أسئلة
    [one] سؤال واحد
    [two] سؤالان
    [few] { $count } أسئلة
   *[other] { $count } سؤالًا
}
surveys-save-offline = احفظ النموذج غير المتصل
surveys-none-open = لا يوجد استطلاع مفتوح حاليًا.
surveys-upcoming = قريبًا
surveys-opens = يُفتح في { $opens }
surveys-closed = مغلقة
surveys-from-to = من { $opens } إلى { $closes }
surveys-none-closed = لم يُغلق أي استطلاع بعد.
survey-closed = هذا الاستطلاع مغلق: قبل الردود من { $opens } إلى { $closes }. يمكنك قراءة الأسئلة، لكن لم يعد ممكنًا إرسال هذا النموذج.
survey-upcoming = يُفتح هذا الاستطلاع في { $opens }. يمكنك قراءة الأسئلة الآن؛ تُجمع الردود من ذلك اليوم حتى { $closes }.
survey-response-file = ردك ملف صغير يحتوي على خمسة أشياء بالضبط: اسم هذا الاستطلاع وإصداره، ورقم رد عشوائي يُنشأ على جهازك، ويوم الإرسال (لا الوقت)، وإجاباتك. لا شيء فيه يكشف هويتك أو هوية جهازك. الأسئلة التي تتخطاها لا تُدرج فيه.
survey-response-encrypted = يشفّر متصفحك الملف قبل أن يغادر هذه الصفحة، حتى لا يستطيع قراءته إلا فريق الاستطلاع؛ ولا يستطيع ذلك من ينقله أو يخزّنه في الطريق.
survey-needs-javascript = يحتاج هذا النموذج إلى JavaScript لإنشاء ملف ردك، و JavaScript معطّل.
survey-without-javascript = لا يزال بإمكانك المشاركة: اطبع هذه الصفحة (فهي تُطبع استبيانًا ورقيًا)، واملأها بخط يدك وأعدها، أو فعّل JavaScript وأعد تحميل الصفحة. لا يرسل النموذج شيئًا إلى أي مكان من دونه.
survey-without-javascript-to = لا يزال بإمكانك المشاركة: اطبع هذه الصفحة (فهي تُطبع استبيانًا ورقيًا)، واملأها بخط يدك وأعدها إلى { $email }، أو فعّل JavaScript وأعد تحميل الصفحة. لا يرسل النموذج شيئًا إلى أي مكان من دونه.
survey-paper = استبيان ورقي: ضع علامة في مربع واحد لكل سؤال ما لم يُذكر غير ذلك، وتخطَّ الأسئلة التي لا تنطبق عليك.
survey-paper-return = أعده إلى { $email }.
survey-required-note = الأسئلة المعلَّمة بكلمة «إلزامي» تحتاج إلى إجابة؛ وكل الأسئلة الأخرى اختيارية.
survey-all-optional = كل الأسئلة اختيارية.
survey-action-sends = عند الإرسال يُرسل ردك إلى فريق الاستطلاع؛ وإن فشل ذلك يحفظه متصفحك في ملف لتسلّمه بنفسك.
survey-action-saves = عند الإرسال يحفظ متصفحك ردك في ملف باسم مثل { $file }.
survey-offline-link = لا يتوفر لديك اتصال موثوق؟ { $start }احفظ هذا النموذج في ملف واحد{ $end }؛ فهو يعمل عند فتحه من القرص دون شبكة.
survey-offline-title = { $title } (نموذج غير متصل)
survey-offline-header = نموذج غير متصل · النسخة على الإنترنت في { $url }
survey-return-title = إرسال ردك
survey-return-email = أرسل ملف الرد مرفقًا إلى { $email }.
survey-return-page = أرسل ملف الرد كما يطلب فريق الاستطلاع على { $page }.
survey-return-hand = سلّم ملف الرد إلى فريق الاستطلاع.

# دليل التحقق من الموقع (/verify/). تبقى الأوامر وأسماء الملفات وأسماء الحقول وما تطبعه
# البرامج بالإنجليزية: تصل على شكل { $… } بترميزها جاهزًا.
verify-heading = تحقّق من هذا الموقع
verify-description = كيف تتحقق، بأدوات مجانية، من أن صفحات { $site } هي بالضبط الصفحات التي نُشرت.
verify-lead = كل إصدار من هذا الموقع موقَّع. يمكنك أن تتحقق بنفسك، بأدوات مجانية، من أن الملفات التي لديك هي بالضبط الملفات التي نُشرت: أن أحدًا لم يغيّرها في طريقها إليك، وأنها ليست نسخة قديمة تُقدَّم على أنها جديدة.
verify-how-it-works = كيف يعمل ذلك
verify-step-key = 1. احصل على المفتاح العام مرتين
verify-step-list = 2. نزّل قائمة الملفات
verify-step-signature = 3. تحقّق من التوقيع
verify-step-download = 4. نزّل كل ملف في القائمة
verify-step-files = 5. تحقّق من كل ملف
verify-trusted-comment = ما يخبرك به التعليق الموثوق
verify-one-step = القيام بكل ذلك في خطوة واحدة
verify-how-sums = يأتي كل إصدار مع ملف اسمه { $sums }. وهو يسرد كل ملفات الموقع مع بصمة SHA-256 لكل منها: غيِّر حرفًا واحدًا في أي صفحة فلن تطابق بصمتُها بعد ذلك. والملف { $sums } نفسه موقَّع بمفتاحنا السري، والتوقيع موجود في { $signature }. ولا يستطيع أن يصنع توقيعًا يطابق المفتاح العام إلا حاملُ المفتاح السري.
verify-how-programs = تحتاج إلى ثلاثة برامج مجانية: { $minisign_link } الذي يتحقق من التوقيع، و{ $sha256sum } الذي يتحقق من البصمات، و{ $wget_link } الذي ينزّل الملفات. يأتي { $sha256sum } مع كل أنظمة Linux، ويأتي { $wget } مع معظمها؛ وعلى macOS استخدم { $shasum } بالخيارات نفسها، وثبّت wget بمدير حزم مثل Homebrew. وتعمل البرامج الثلاثة على Windows أيضًا.
verify-key-download = نزّل المفتاح العام من هذا الموقع: { $public_key }.
# { $start } و{ $end } يحيطان بالكلمات المكتوبة بخط عريض.
verify-key-compare = ثم قارنه بنسخة حصلت عليها { $start }بطريق آخر{ $end }: من الموقع الرئيسي للمنظمة، أو من إعلان في قائمة بريدية عامة، أو من تقرير سنوي مطبوع، أو من زميل تحقق منه من قبل. فمن يستطيع العبث بهذا الموقع يستطيع أن يستبدل المفتاح هنا أيضًا؛ والقناة الثانية هي ما يجعل التحقق ذا قيمة. يجب أن تتطابق النسختان حرفًا بحرف. احفظ المفتاح الذي تثق به باسم { $trusted } في المجلد الذي ستشغّل فيه الأوامر أدناه: لا تحتاج إلى ذلك إلا مرة واحدة.
verify-list-download = أنشئ مجلدًا جديدًا لنسختك من الموقع، ونزّل إليه قائمة البصمات، { $sums_link }، وتوقيعها، { $signature_link }:
# { $verified } و{ $failed } هما ما يطبعه minisign بالإنجليزية.
verify-signature-result = إذا كانت قائمة البصمات أصلية، يطبع minisign العبارة { $verified }، ويليها { $comment_start }تعليق موثوق{ $comment_end } (مشروح { $below_start }أدناه{ $below_end }). وأي نتيجة أخرى — ولا سيما { $failed } — تعني أن القائمة لم توقَّع بمفتاحنا: فلا تثق بالملفات.
verify-download-explained = كل سطر في { $sums } بصمة من 64 حرفًا، ثم مسافتان، ثم اسم ملف؛ يحتفظ { $cut } بالأسماء، وينزّل { $wget } كل ملف من تلك الملفات من هذا الموقع إلى المجلدات نفسها التي هو فيها على الموقع. وهكذا تحصل على الملفات التي نُشرت بالضبط، بما فيها الملفات التي لا ترتبط بها أي صفحة.
# { $ok } و{ $failed } و{ $missing } هي ما يطبعه sha256sum بالإنجليزية.
verify-files-result = ينبغي أن ينتهي كل سطر بـ { $ok }، وأن ينتهي الأمر دون أي تحذير. السطر الذي ينتهي بـ { $failed } يعني أن ذلك الملف تغيّر بعد نشره؛ و{ $missing } تعني أنه غير موجود في نسختك.
verify-comment-intro = التعليق الموثوق موقَّع مع البصمات، فلا يمكن تعديله هو أيضًا. وهو سطر واحد من حقول على شكل { $fields }، مثلًا:
verify-field-base-url = { $field }: المكان الذي نُشر فيه الإصدار
verify-field-base-url-means = ينبغي أن يكون { $url }. فإن ذكر عنوانًا آخر فأنت تنظر إلى ملفات موقع آخر.
verify-field-release = { $field }: رقم الإصدار
verify-field-release-means = لكل إصدار جديد رقم أعلى من الذي قبله. فإن كنت قد رأيت رقمًا أعلى من قبل، فهناك من يعرض عليك نسخة قديمة.
verify-field-built = { $field }: وقت البناء
verify-field-built-means = متى أُنشئ هذا الإصدار، بالتوقيت العالمي المنسَّق.
verify-field-files = { $field }: عدد الملفات
verify-field-files-means = عدد الملفات التي يسردها { $sums }، حتى لا تمر قائمة مختصرة دون أن يلاحظها أحد.
verify-field-valid-until = { $field }: آخر يوم صالح
verify-field-valid-until-means = آخر يوم، بالتوقيت العالمي المنسَّق، يُقبل فيه هذا الإصدار على أنه الإصدار الحالي. والنسخة التي تُقدَّم بعد هذا التاريخ قد تكون قديمة، حتى لو ظل توقيعها صحيحًا.
verify-field-dirty = { $field }: تغييرات غير مسجَّلة (نادر)
verify-field-dirty-means = لا يظهر إلا إذا بُني الإصدار من تغييرات لم يكن الناشر قد سجّلها بعد في سجل الموقع. فهو لا يزال موقَّعًا منه، لكن رقم إصداره لا يطابق أي نسخة مسجَّلة من الموقع.
verify-field-format-means = إصدار هذا التنسيق، للبرامج التي تقرؤه.
verify-candor-intro = إذا كان لديك Candor، البرنامج الذي يبني هذا الموقع، فإنه يجري كل عمليات التحقق السابقة دفعة واحدة على نسختك. من المجلد الذي يحتوي على { $trusted }:
verify-candor-also = ويتحقق أيضًا مما لا تستطيعه الأدوات المعتادة: ملفات أُضيفت بعد التوقيع، وإصدار أقدم من إصدار سبق أن قبله، ورقم الإصدار نفسه موقَّعًا مرتين بملفات مختلفة، وإصدار منتهي الصلاحية، وإصدار مخصص لعنوان آخر. وهو يعتمد على المفتاح العام نفسه، لذا تبقى الخطوة 1 مهمة.

# صفحة العناوين غير الموجودة (/404.html).
not-found-heading = الصفحة غير موجودة
not-found-lead = لا توجد صفحة بهذا العنوان. ربما نُقلت، أو ربما يحتوي الرابط الذي اتبعته على خطأ مطبعي.
not-found-try = جرّب إحدى هذه الصفحات بدلًا منها:
not-found-home = الصفحة الرئيسية لموقع { $site }
not-found-write = إذا كنت تظن أن صفحة ما مفقودة، فاكتب إلى { $email }.
# تليها لغات الموقع الأخرى، كل منها باسمها في لغتها.
not-found-other-languages = هذا الموقع بلغة أخرى:

redirect-title = نُقلت: { $page }
redirect-moved = نُقلت هذه الصفحة إلى { $page }.

# صفحة مؤشرات الأداء (kpis.html، data/kpis.yaml).
kpi-latest = أحدث النتائج
# { $start } و{ $end } يحيطان بالعدد المكتوب بخط عريض.
kpi-summary = المؤشرات التي بلغت هدفها في أحدث فتراتها: { $start }{ $met } من { $total }{ $end }.
kpi-latest-caption = أحدث نصف سنة لكل مؤشر مقارنةً بهدفه
kpi-indicator = المؤشر
kpi-target = الهدف
kpi-latest-value = أحدث قيمة
kpi-result = النتيجة
kpi-trend = الاتجاه
# { $value } هو الهدف بوحدته: «95%»، «30 days».
kpi-at-most = لا يزيد على { $value }
kpi-at-least = لا يقل عن { $value }
kpi-met = تحقّق
kpi-not-met = لم يتحقّق
kpi-trend-chart = { $name }، من { $first } إلى { $last }؛ الخط المتقطع هو الهدف
kpi-history = السجل حسب المؤشر
kpi-target-at-most = الهدف: لا يزيد على { $value }.
kpi-target-at-least = الهدف: لا يقل عن { $value }.
kpi-history-of = السجل: { $name }
kpi-by-half-year = { $name }، حسب نصف السنة
kpi-period = الفترة
kpi-actual = القيمة الفعلية
kpi-none = لم يُنشر أي مؤشر بعد. أضفها إلى { $file }.

heading-anchor = رابط إلى هذا القسم
task-done = تم
task-not-done = لم يتم
page-topics = المواضيع:

history-heading = سجل هذه الصفحة
last-changed = آخر تعديل في
history-uncommitted = في هذه الصفحة تغييرات لم تُحفظ بعد.
history-incomplete = التغييرات الأقدم غير مضمّنة في هذه النسخة من السجل.
history-what-changed = ما الذي تغيّر في الموقع
history-revisions = { $count ->
    [zero] لا توجد نسخ
    [one] نسخة واحدة
    [two] نسختان
    [few] { $count } نسخ
    [many] { $count } نسخة
   *[other] { $count } نسخة
}
history-separator = { ": " }
history-by = بقلم { $author }

# Results pages (a page with `results:`).
results-questions = الأسئلة
results-methods-heading = كيف أُعدّت هذه الأرقام
results-free-text = لا تُنشر الإجابات الحرة أبدًا. يقرؤها المراجِع ويعرض موضوعاتها بكلماته الخاصة.
results-answered = عدد من أجابوا: { $respondents }
results-answered-hidden = عدد من أجابوا غير معروض
results-several-answers = { "؛ " }سُمح بأكثر من إجابة، لذا يتجاوز مجموع النسب 100%
results-median = { "؛ " }الوسيط { $median }
results-middle-half = { "؛ " }النصف الأوسط { $quartiles }
results-full-stop = .
results-by-answer = حسب الإجابة عن «{ $grouping }»
results-all-respondents = جميع المستجيبين
results-caption-all = { $question } — جميع المستجيبين
results-caption-by = { $question } — حسب الإجابة عن «{ $grouping }»
results-caption-waves = { $question } — حسب الجولة
results-table-answer = الإجابة
results-table-answered = عدد من أجابوا
results-table-median = الوسيط
results-table-middle-half = النصف الأوسط
results-not-shown = غير معروض
results-hidden-part = غير معروض، حمايةً للمجموعات الصغيرة
results-responses-not-shown = عدد الردود غير معروض
results-range = من { $low } إلى { $high }
results-period = من { $from } إلى { $to }
results-month-year = { $month } { $year }
results-month-1 = يناير
results-month-2 = فبراير
results-month-3 = مارس
results-month-4 = أبريل
results-month-5 = مايو
results-month-6 = يونيو
results-month-7 = يوليو
results-month-8 = أغسطس
results-month-9 = سبتمبر
results-month-10 = أكتوبر
results-month-11 = نوفمبر
results-month-12 = ديسمبر
results-chart-scale = يبيّن كل شريط كيف توزّعت الإجابات على المقياس، من أدنى درجة على اليسار إلى أعلى درجة على اليمين. وترد الأرقام نفسها في الجدول أدناه.
results-chart-choices = يبيّن كل شريط نسبة المستجيبين الذين أعطوا كل إجابة. وترد الأرقام نفسها في الجدول أدناه.
results-chart-waves = شريط لكل جولة، بدءًا بالأقدم؛ ويبيّن كل شريط كيف توزّعت الإجابات. وترد الأرقام نفسها في الجدول أدناه.
results-provenance = الاستطلاع { $id }، الإصدار { $version }؛ { $responses }. أُعدّت هذه النتائج باستخدام { $generator } انطلاقًا من بيانات إدخال بصمتها وفق SHA-256 هي { $hash }: تشغيل الإصدار نفسه على الردود نفسها يعطي الأرقام نفسها.
results-provenance-period = الاستطلاع { $id }، الإصدار { $version }؛ { $responses }، { $period }. أُعدّت هذه النتائج باستخدام { $generator } انطلاقًا من بيانات إدخال بصمتها وفق SHA-256 هي { $hash }: تشغيل الإصدار نفسه على الردود نفسها يعطي الأرقام نفسها.
results-methods-group-size = لا يُنشر أي رقم عن الاستطلاع أو عن سؤال أو عن مجموعة إذا كان عدد المستجيبين في أيٍّ منها أقل من { $size }.
results-methods-small-count = لا تُنشر الأعداد من 1 إلى { $max }، ولا العدد الذي يقلّ عن حجم مجموعته بما يتراوح بين 1 و{ $max }.
results-methods-unanimous = لا تُعرض مجموعة يقلّ عدد المستجيبين فيها عن { $size } إذا أعطوا جميعًا الإجابة نفسها، أو وقعت إجاباتهم كلها في جانب واحد من المقياس، لأن ذلك يكشف إجابة كل فرد منها.
results-methods-complementary = وتُحجب أرقام أخرى حيثما أمكن، لولا ذلك، استنتاج رقم محجوب من كل ما نُشر عن هذا الاستطلاع في هذه النشرة والنشرات السابقة: المجاميع، والجداول الأخرى، والأسئلة الأخرى، وترابط الأسئلة فيما بينها. ويظهر كل رقم محجوب بعبارة «{ $hidden }» أيًّا كانت القاعدة التي حجبته.
results-methods-percentages = النسب المئوية أعداد صحيحة محسوبة من عدد من أجابوا عن السؤال (أو من ينتمون إلى المجموعة)، ولا تُعرض إلا بجانب عدد منشور. وفي الأسئلة التي تسمح بأكثر من إجابة يتجاوز مجموعها 100%.
results-methods-medians = لا يُعرض وسيط المقياس إلا إذا لم يُحجب أي رقم في الصف. وفي الأسئلة العددية لا يُعرض إلا عدد من أجابوا، ولا يُعرض أبدًا وسيط ولا رُبيع.
results-methods-breakdowns = تُفصَّل النتائج حسب سؤال تصنيف واحد في كل مرة، ولا تُفصَّل أبدًا حسب سؤالين معًا. ولا تُنشر الإجابات الحرة أبدًا، ولا حتى عددها.
# The trend page (`results: <series>`).
results-waves-compared = الجولات المقارَنة
results-wave = { $title }: { $responses }، { $period }
results-not-compared = لم تُقارَن، لأنها طُرحت بصيغ مختلفة أو لم تُطرح في كل الجولات:

# A revision page: one change to one page.
revision-title = { $page }: تغيير بتاريخ { $date }
revision-description = ما الذي تغيّر في { $page } بتاريخ { $date }: { $subject }
revision-heading = { $page }: تغيير بتاريخ { $date }
revision-id = النسخة { $hash }
revision-page-now = الصفحة بصيغتها الحالية
revision-why = السبب
revision-what-changed = ما الذي تغيّر
revision-created = أُنشئت الصفحة في هذه النسخة.
revision-moved = نُقلت الصفحة إلى هنا من { $from } في هذه النسخة.
# { $underlined } and { $struck } arrive as the words below, marked up as they look.
revision-legend = الكلمات المضافة { $underlined }؛ والكلمات المحذوفة { $struck }.
revision-underlined = تحتها خط
revision-struck = يتوسطها خط
revision-no-diff = لا يمكن مقارنة هذه النسخة كلمةً كلمةً (فهي ليست نصًّا، أو أنها كبيرة جدًّا).
revision-others = نسخ أخرى من هذه الصفحة
revision-previous = التغيير السابق، { $date }
revision-next = التغيير التالي، { $date }
revision-incomplete = هذه النسخة من سجل الموقع غير مكتملة: التغييرات الأقدم غير معروضة.
# Read out by screen readers before each removed or added passage of a word diff.
diff-removed = محذوف:
diff-added = مضاف:
